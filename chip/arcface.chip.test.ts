import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { DeviceBusyError, HefRefusedError, NativeCallError } from '../src/errors.js'
import type { LoadedModel } from '../src/device/types.js'
import type { Tensor } from '../src/tensor/types.js'
import { ARCFACE_HEF, CHIP_HEF_ENV, chipHef, GOLDEN_JSON, isHailo8L, openChip } from './chip-device.js'

// The bundled arcface HEF is compiled for Hailo-8. A Hailo-8L (the Raspberry Pi AI Kit) refuses it: the first
// test checks that refusal there, and the others run on the HEF named in VITEST_HAILO_CHIP_HEF (they fail,
// never skip, without one).

interface GoldenVStream {
  direction: string
  name: string
  shape: { height: number; width: number; features: number }
  quant: { zeroPoint: number; scale: number; limvalsMin: number; limvalsMax: number }
  frameBytes: { raw: number; float32: number }
}
const golden = JSON.parse(readFileSync(GOLDEN_JSON, 'utf8')).files['arcface_mobilefacenet.hef'] as {
  vstreams: GoldenVStream[]
}
const goldenIn = golden.vstreams.find((v) => v.direction === 'input')!
const goldenOut = golden.vstreams.find((v) => v.direction === 'output')!
const ON_8L = `(on a Hailo-8L: the HEF in ${CHIP_HEF_ENV})`

/** Seeded bytes for every input of a raw-format model (uint8 or uint16 frames). */
function frames(model: LoadedModel, seed: number): Record<string, Tensor> {
  let s = seed >>> 0
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 16
  const out: Record<string, Tensor> = {}
  for (const info of model.inputs) {
    const shape = info.shape.map((d) => (typeof d === 'number' ? d : 1))
    const count = shape.reduce((a, b) => a * b, 1)
    if (info.dtype === 'uint8')
      out[info.name] = { data: Uint8Array.from({ length: count }, () => next() >>> 8), shape, dtype: 'uint8' }
    else if (info.dtype === 'uint16')
      out[info.name] = { data: Uint16Array.from({ length: count }, next), shape, dtype: 'uint16' }
    else
      throw new Error(`input "${info.name}" of the raw path is ${info.dtype}; the chip suite feeds uint8/uint16 frames`)
  }
  return out
}
const bytes = (t: Tensor) => Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength)

describe('the real chip', () => {
  it('arcface_mobilefacenet.hef (compiled for Hailo-8): on a Hailo-8 loads on both format paths with the vstreams HailoRT reports; on a Hailo-8L is refused cleanly, naming both architectures', async ({
    skip,
  }) => {
    await using device = await openChip(skip)
    const info = await device.info()
    console.info(`chip under test: ${info.description}`, info) // the environment fingerprint, for the run log
    expect(['Hailo-8', 'Hailo-8L']).toContain(info.architecture)
    expect(info.versions.hailort).toMatch(/^4\.(18|19|20|21|22|23)\./)
    if (isHailo8L(info.architecture)) {
      const error = await device.load(ARCFACE_HEF, { format: 'raw' }).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error, 'a Hailo-8L loaded a HEF compiled for Hailo-8').toBeDefined()
      expect(error instanceof HefRefusedError || error instanceof NativeCallError, String(error)).toBe(true)
      // What the double asserts (architecture.test.ts), checked against the real library: HailoRT refuses while
      // configuring, with HAILO_INVALID_HEF up to 4.20 and HAILO_HEF_NOT_COMPATIBLE_WITH_DEVICE from 4.21.
      const minor = Number(info.versions.hailort!.split('.')[1])
      const status = minor >= 21 ? 93 : 26
      const runtime =
        error instanceof HefRefusedError
          ? error.runtime
          : { operation: (error as NativeCallError).operation, status: (error as NativeCallError).status }
      expect(runtime, String(error)).toMatchObject({ operation: 'hailo_configure_vdevice', status })
      expect((error as Error).message).toMatch(/HAILO8\b|Hailo-8\b/)
      expect((error as Error).message).toMatch(/HAILO8L|Hailo-8L/)
      console.info(
        `This chip is a Hailo-8L: arcface (Hailo-8) is refused as it should be. The other chip tests need a HEF compiled for Hailo-8L: set ${CHIP_HEF_ENV}=/path/to/model.hef.`,
      )
      return
    }
    const raw = await device.load(ARCFACE_HEF, { format: 'raw' })
    const float = await device.load(ARCFACE_HEF, { format: 'float32' })
    expect(raw.inputs[0]).toMatchObject({
      name: goldenIn.name,
      shape: [1, 112, 112, 3],
      dtype: 'uint8',
      layout: 'NHWC',
    })
    expect(raw.outputs[0]).toMatchObject({ name: goldenOut.name, shape: [1, 512], dtype: 'uint8', layout: 'NC' })
    expect(float.outputs[0]!.dtype).toBe('float32')
    expect(raw.outputs[0]!.quant).toMatchObject({ zeroPoint: goldenOut.quant.zeroPoint, scale: goldenOut.quant.scale })
  })

  it(`gives the same bytes 50 times in a row on the raw path ${ON_8L}`, async ({ skip }) => {
    await using device = await openChip(skip)
    const model = await device.load(chipHef((await device.info()).architecture).path, { format: 'raw' })
    const frame = frames(model, 1)
    const first = await model.infer(frame)
    for (let run = 2; run <= 50; run++) {
      const again = await model.infer(frame)
      for (const out of model.outputs)
        expect(bytes(again[out.name]!), `run ${run}, output ${out.name}`).toEqual(bytes(first[out.name]!))
    }
  })

  it(`agrees between the float32 and raw paths within one quantization step ${ON_8L}`, async ({ skip }) => {
    await using device = await openChip(skip)
    const hef = chipHef((await device.info()).architecture).path
    const raw = await device.load(hef, { format: 'raw' })
    const float = await device.load(hef, { format: 'float32' })
    const quantized = frames(raw, 2)
    // The same frame for the float path: real = (q − zeroPoint) · scale, which HailoRT quantizes back to q.
    const real = Object.fromEntries(
      raw.inputs.map((info) => {
        const q = quantized[info.name]!
        const { scale = 1, zeroPoint = 0 } = info.quant ?? {}
        return [
          info.name,
          {
            data: Float32Array.from(q.data as Uint8Array, (v) => (v - zeroPoint) * scale),
            shape: q.shape,
            dtype: 'float32',
          } as Tensor,
        ]
      }),
    )
    const qOut = await raw.infer(quantized)
    const fOut = await float.infer(real)
    for (const info of raw.outputs) {
      const { scale, zeroPoint } = info.quant!
      const q = qOut[info.name]!.data
      const f = fOut[info.name]!.data as Float32Array
      for (let i = 0; i < q.length; i++)
        expect(Math.abs(f[i]! / scale + zeroPoint - Number(q[i])), `${info.name}[${i}]`).toBeLessThanOrEqual(1)
    }
  })

  it(`takes turns with a second process through the lock, and reopens after that process is killed ${ON_8L}`, async ({
    skip,
  }) => {
    // Probe first, so a machine without a chip fails (or skips) with the no-chip error here too.
    const probe = await openChip(skip)
    const architecture = (await probe.info()).architecture
    await probe.dispose()
    const chosen = chipHef(architecture)
    const script = fileURLToPath(new URL('./test-support/hold-device.ts', import.meta.url))
    const loader = fileURLToPath(new URL('../src/device/backends/hailort/test-support/ts-loader.mjs', import.meta.url))
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
    const model = await device.load(chosen.path, { format: 'raw' })
    const out = await model.infer(frames(model, 3))
    for (const info of model.outputs) expect(out[info.name]!.data.length).toBeGreaterThan(0)
  })
})
