// `inspect` on HEFs whose metadata is hostile: names carrying terminal control characters, and a
// compile timestamp no date can hold. The report must stay inert text and the error a named one.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { HefFormatError } from '../../errors.js'
import { parseHef } from '../../hef/read.js'
import { encodeBody, minimalMessage, wrapHef } from '../../hef/test-support/make-hef.js'
import { runCli } from '../run.js'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vh-inspect-hostile-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function inspect(hef: Uint8Array): Promise<{ code: number; stdout: string; stderr: string }> {
  const path = join(dir, `${Math.random().toString(16).slice(2)}.hef`)
  await writeFile(path, hef)
  let stdout = ''
  let stderr = ''
  const code = await runCli(['inspect', path], {
    stdout: (s) => {
      stdout += s
    },
    stderr: (s) => {
      stderr += s
    },
  })
  return { code, stdout, stderr }
}

type Layer = { layerInfo: { name: string } }
function hefNamed(input: string, output: string): Uint8Array {
  const message = minimalMessage() as {
    networkGroups: { sortedOutputsOrder: string[]; contexts: { metadata: { edgeLayers: Layer[] } }[] }[]
  }
  const group = message.networkGroups[0]!
  group.contexts[0]!.metadata.edgeLayers[0]!.layerInfo.name = input
  group.contexts[0]!.metadata.edgeLayers[1]!.layerInfo.name = output
  group.sortedOutputsOrder = [output]
  return wrapHef(1, encodeBody(message))
}

function hefCompiledAt(timestamp: number | { low: number; high: number; unsigned: true }): Uint8Array {
  const message = minimalMessage() as { header: Record<string, unknown> }
  message.header = { ...message.header, timestamp }
  return wrapHef(1, encodeBody(message))
}

describe('inspect with hostile names', () => {
  test('shows ANSI escapes, BEL, NUL and bidi overrides in HEF names escaped, never raw', async () => {
    const { code, stdout } = await inspect(
      hefNamed('net/\u001b[2J\u001b[31min\u0007', 'net/out\u0000\u202egpj.exe\u009b'),
    )
    expect(code).toBe(0)
    expect(stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/)
    expect(stdout).toContain('net/\\x1b[2J\\x1b[31min\\x07')
    expect(stdout).toContain('net/out\\x00\\u202egpj.exe\\x9b')
  })

  test('keeps ordinary names, Unicode included, as they are', async () => {
    const { code, stdout } = await inspect(hefNamed('net/entrée', 'net/出力'))
    expect(code).toBe(0)
    expect(stdout).toContain('net/entrée')
    expect(stdout).toContain('net/出力')
  })
})

describe('a HEF compile timestamp past the range of dates', () => {
  test('is a named HefFormatError (corrupt metadata), not a RangeError', () => {
    const error = (() => {
      try {
        return parseHef(hefCompiledAt({ low: -1, high: -1, unsigned: true }) /* 2^64 - 1 */, 'future.hef')
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(HefFormatError)
    expect(error).toMatchObject({ problem: 'corrupt-metadata' })
    expect((error as Error).message).toMatch(/compile timestamp .* past the last date JavaScript can hold/)
  })

  test('inspect reports it as a problem of the file (exit 2, nothing decided), not as a bug', async () => {
    const { code, stdout, stderr } = await inspect(hefCompiledAt(9_000_000_000_000_000))
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/past the last date JavaScript can hold/)
    expect(stderr).not.toMatch(/a bug/)
  })

  test('a plausible timestamp in seconds or milliseconds still gives the date', () => {
    expect(parseHef(hefCompiledAt(1_700_000_000), 's.hef').compiledAt).toBe('2023-11-14T22:13:20.000Z')
    expect(parseHef(hefCompiledAt(1_700_000_000_000), 'ms.hef').compiledAt).toBe('2023-11-14T22:13:20.000Z')
  })
})
