import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectedLayoutHeader } from '../../../../native/build.mjs'
import { parseDeviceSpec } from '../../spec.js'
import './register.js'
import { HailoDevice } from './hailo-device.js'
import { ARCFACE_LIKE, doubleEnv, doubleLibrary, scratchDir, setEnv, writeModel } from './test-support/double.js'

const nativeDir = fileURLToPath(new URL('../../../../native/', import.meta.url))

describe('the C double is held to the measured layouts', () => {
  it('compiles for every release of the table (its _Static_asserts hold)', () => {
    for (const version of ['4.18.0', '4.19.0', '4.20.0', '4.21.0', '4.22.0', '4.23.0'])
      expect(doubleLibrary(version).path).toMatch(new RegExp(`libhailort\\.so\\.${version.replace(/\./g, '\\.')}$`))
  })

  it('refuses to compile when a declaration differs from the table', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hd-wrong-'))
    // Pretend the header said quant_info sits at 416 in 4.23: the double must not build.
    const wrong = expectedLayoutHeader('4.23.0').replace(
      'FIELD(hailo_vstream_info_t, quant_info, 420, 16)',
      'FIELD(hailo_vstream_info_t, quant_info, 416, 16)',
    )
    expect(wrong).not.toBe(expectedLayoutHeader('4.23.0'))
    writeFileSync(join(dir, 'expected_layout.h'), wrong)
    let stderr = ''
    try {
      execFileSync(
        'cc',
        [
          '-std=c11',
          '-fsyntax-only',
          '-DHD_LAYOUT_FAMILY=421',
          '-include',
          join(dir, 'expected_layout.h'),
          '-I',
          nativeDir,
          join(nativeDir, 'double_control.c'),
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      )
    } catch (error) {
      stderr = String((error as { stderr?: Buffer }).stderr)
    }
    expect(stderr).toMatch(/offsetof\(hailo_vstream_info_t, quant_info\) differs from layouts\.json/)
  })
})

describe('each layout family decodes the same model the same way', () => {
  const dir = scratchDir()
  const model = writeModel(dir, 'arcface.hef', ARCFACE_LIKE)
  let reference: Buffer | undefined
  for (const version of ['4.19.0', '4.20.0', '4.22.0']) {
    describe(`libhailort ${version}`, () => {
      const double = doubleLibrary(version)
      let restore: () => void
      beforeAll(() => {
        restore = setEnv(doubleEnv(double, join(dir, version)))
      })
      afterAll(() => restore())
      it('reads the vstream infos (432 bytes up to 4.19, 436 from 4.20) and infers', async () => {
        await using device = await HailoDevice.open(parseDeviceSpec('hailo'), { lockTimeoutMs: 2000 })
        expect(device.library.versionText).toBe(version)
        const loaded = await device.load(model, { format: 'raw' })
        expect(loaded.outputs[0]).toMatchObject({
          name: 'arcface_mobilefacenet/fc1',
          shape: [1, 512],
          dtype: 'uint8',
          quant: { zeroPoint: 144 },
        })
        expect(loaded.inputs[0]!.quant).toEqual({ scale: 1, zeroPoint: 0, min: 0, max: 255 })
        const out = await loaded.infer({
          data: new Uint8Array(112 * 112 * 3).fill(9),
          shape: [1, 112, 112, 3],
          dtype: 'uint8',
        })
        const bytes = Buffer.from(out['arcface_mobilefacenet/fc1']!.data.buffer)
        reference ??= bytes
        expect(bytes).toEqual(reference)
        expect(double.misuseCount()).toBe(0)
      })
    })
  }
})
