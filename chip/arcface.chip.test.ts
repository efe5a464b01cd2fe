import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { DeviceBusyError } from '../src/errors.js'
import type { Tensor } from '../src/tensor/types.js'
import { ARCFACE_HEF, GOLDEN_JSON, openChip } from './chip-device.js'

interface GoldenVStream {
  direction: string
  name: string
  shape: { height: number; width: number; features: number }
  quant: { zeroPoint: number; scale: number; limvalsMin: number; limvalsMax: number }
  frameBytes: { raw: number; float32: number }
}
const golden = JSON.parse(readFileSync(GOLDEN_JSON, 'utf8')).files['arcface_mobilefacenet.hef'] as { vstreams: GoldenVStream[] }
const goldenIn = golden.vstreams.find((v) => v.direction === 'input')!
const goldenOut = golden.vstreams.find((v) => v.direction === 'output')!

function face(seed: number): Uint8Array {
  const data = new Uint8Array(112 * 112 * 3)
  let s = seed >>> 0
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    data[i] = s >>> 24
  }
  return data
}
const input = (data: Uint8Array): Tensor => ({ data, shape: [1, 112, 112, 3], dtype: 'uint8' })
const bytes = (t: Tensor) => Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength)

describe('arcface_mobilefacenet.hef on the real chip', () => {
  it('loads on both format paths with the vstreams HailoRT reports for the file', async ({ skip }) => {
    await using device = await openChip(skip)
    const info = await device.info()
    console.info(`chip under test: ${info.description}`, info) // the environment fingerprint, for the run log
    expect(['Hailo-8', 'Hailo-8L']).toContain(info.architecture)
    expect(info.versions.hailort).toMatch(/^4\.(18|19|20|21|22|23)\./)
    const raw = await device.load(ARCFACE_HEF, { format: 'raw' })
    const float = await device.load(ARCFACE_HEF, { format: 'float32' })
    expect(raw.inputs[0]).toMatchObject({ name: goldenIn.name, shape: [1, 112, 112, 3], dtype: 'uint8', layout: 'NHWC' })
    expect(raw.outputs[0]).toMatchObject({ name: goldenOut.name, shape: [1, 512], dtype: 'uint8', layout: 'NC' })
    expect(float.outputs[0]!.dtype).toBe('float32')
    expect(raw.outputs[0]!.quant).toMatchObject({ zeroPoint: goldenOut.quant.zeroPoint, scale: goldenOut.quant.scale })
  })

  it('gives the same bytes 50 times in a row on the raw path', async ({ skip }) => {
    await using device = await openChip(skip)
    const model = await device.load(ARCFACE_HEF, { format: 'raw' })
    const frame = input(face(1))
    const first = bytes((await model.infer(frame))[goldenOut.name]!)
    for (let run = 2; run <= 50; run++) expect(bytes((await model.infer(frame))[goldenOut.name]!), `run ${run}`).toEqual(first)
  })

  it('agrees between the float32 and raw paths within one quantization step', async ({ skip }) => {
    await using device = await openChip(skip)
    const raw = await device.load(ARCFACE_HEF, { format: 'raw' })
    const float = await device.load(ARCFACE_HEF, { format: 'float32' })
    const { scale, zeroPoint } = raw.outputs[0]!.quant!
    const pixels = face(2)
    const q = (await raw.infer(input(pixels)))[goldenOut.name]!.data as Uint8Array
    const f = (await float.infer({ data: Float32Array.from(pixels), shape: [1, 112, 112, 3], dtype: 'float32' }))[goldenOut.name]!.data as Float32Array
    for (let i = 0; i < q.length; i++) expect(Math.abs(f[i]! / scale + zeroPoint - q[i]!)).toBeLessThanOrEqual(1)
  })

  it('takes turns with a second process through the lock, and reopens after that process is killed', async ({ skip }) => {
    // Probe first, so a machine without a chip fails (or skips) with the no-chip error here too.
    await (await openChip(skip)).dispose()
    const script = fileURLToPath(new URL('./testdata/hold-device.ts', import.meta.url))
    const loader = fileURLToPath(new URL('../src/device/backends/hailort/testdata/ts-loader.mjs', import.meta.url))
    const child = spawn(process.execPath, ['--import', loader, script], { stdio: ['ignore', 'pipe', 'inherit'] })
    try {
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()))
        child.once('exit', (code) => reject(new Error(`the holder exited with ${code}`)))
      })
      expect(line).toBe(`held ${child.pid}`)
      const error = await openChip(skip, 'hailo,lockTimeoutMs=1000').catch((e: unknown) => e)
      expect(error).toBeInstanceOf(DeviceBusyError)
      expect((error as Error).message).toContain(`process ${child.pid}`)
    } finally {
      await new Promise<void>((done) => {
        if (child.exitCode !== null) return done()
        child.once('exit', () => done())
        child.kill('SIGKILL')
      })
    }
    await using device = await openChip(skip, 'hailo,lockTimeoutMs=10000')
    const model = await device.load(ARCFACE_HEF, { format: 'raw' })
    expect((await model.infer(input(face(3))))[goldenOut.name]!.data).toHaveLength(512)
  })
})
