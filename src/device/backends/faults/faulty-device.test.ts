import { afterEach, describe, expect, test } from 'vitest'
import { InvalidArgumentError, UnknownNameError } from '../../../errors.js'
import { identityModel, matmulModel } from '../../../../test/support/onnx/index.js'
import { openDevice } from '../../open.js'
import type { Device, LoadedModel } from '../../types.js'
import type { Tensor, TensorMap } from '../../../tensor/types.js'
import { argmax, softmax } from '../../../tensor/classify.js'
import { FaultyDevice } from './faulty-device.js'

const opened: Device[] = []
afterEach(async () => {
  for (const d of opened.splice(0)) await d.dispose()
})
async function open(spec: string): Promise<Device> {
  const d = await openDevice(spec)
  opened.push(d)
  return d
}

const linear = matmulModel({ inFeatures: 8, outFeatures: 6, seed: 5 }).bytes
const frame = (k: number): Float32Array => new Float32Array(8).map((_, i) => Math.sin(i + 3 * k))
const bytesOf = (out: TensorMap): Buffer => {
  const t = Object.values(out)[0] as Tensor
  return Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength)
}
async function runs(model: LoadedModel, inputs: readonly Float32Array[]): Promise<Buffer[]> {
  const out: Buffer[] = []
  for (const x of inputs) out.push(bytesOf(await model.infer(x)))
  return out
}
async function reference(inputs: readonly Float32Array[]): Promise<Buffer[]> {
  const onnx = await open('onnx')
  return runs(await onnx.load(linear), inputs)
}
const same = (n: number): Float32Array[] => Array.from({ length: n }, () => frame(0))

describe('faulty device', () => {
  test('random: every output is seeded noise, and the same seed replays the same noise', async () => {
    const [truth] = await reference([frame(0)])
    const a = await runs(await (await open('faulty:random,seed=11,inner=onnx')).load(linear), same(5))
    const b = await runs(await (await open('faulty:random,seed=11,inner=onnx')).load(linear), same(5))
    const c = await runs(await (await open('faulty:random,seed=12,inner=onnx')).load(linear), same(5))
    expect(new Set(a.map((x) => x.toString('hex'))).size).toBe(5)
    for (const x of a) expect(x.equals(truth!)).toBe(false)
    expect(b).toEqual(a)
    expect(c).not.toEqual(a)
  })

  test('random with a rate: only some calls are replaced', async () => {
    const [truth] = await reference([frame(0)])
    const out = await runs(await (await open('faulty:random,seed=3,rate=0.5,inner=onnx')).load(linear), same(30))
    const wrong = out.filter((x) => !x.equals(truth!)).length
    expect(wrong).toBeGreaterThan(3)
    expect(wrong).toBeLessThan(27)
  })

  describe("garbage-input, on the ConvNeXt-like fixture: the field report's pattern", () => {
    const root = new URL('../../../../', import.meta.url).pathname
    const CLASSIFIER = `${root}examples/models/convnext-tiny-uint8-nhwc.onnx`
    const SUN = `${root}examples/images/sun.png`
    const SUN_CLASS = 1
    const sum = (t: Tensor): number => (t.data as Float32Array).reduce((a, b) => a + b, 0)
    async function classify(spec: string, image: string, n: number): Promise<TensorMap[]> {
      const model = await (await open(spec)).load(CLASSIFIER)
      const out: TensorMap[] = []
      for (let k = 0; k < n; k++) out.push(await model.infer(image))
      return out
    }

    test('each run is a plausible softmax of another class: probs sum to 1, agree with the logits, top-1 wanders', async () => {
      const runs = await classify('faulty:garbage-input,seed=7,inner=onnx', SUN, 12)
      const classes = runs.map((o) => argmax(o.probs!))
      for (const o of runs) {
        expect(sum(o.probs!)).toBeCloseTo(1, 5)
        expect(argmax(o.logits!)).toBe(argmax(o.probs!))
        // probs is exactly what the network's softmax makes of its logits: the outputs are one computation.
        const expected = softmax(o.logits!).data
        ;(o.probs!.data as Float32Array).forEach((p, i) => expect(Math.abs(p - expected[i]!)).toBeLessThan(1e-6))
      }
      expect(new Set(classes).size).toBeGreaterThanOrEqual(4)
      expect(classes.filter((c) => c !== SUN_CLASS).length).toBeGreaterThan(6)
      // Unlike the healthy model's 99.97 %, the confidences are spread out, as in the report.
      const confidences = runs.map((o) => Math.max(...(o.probs!.data as Float32Array)))
      expect(Math.min(...confidences)).toBeLessThan(0.5)
      expect(new Set(confidences).size).toBe(12)
    })

    test('contrast: random noise on the outputs breaks that consistency', async () => {
      const runs = await classify('faulty:random,seed=7,inner=onnx', SUN, 6)
      expect(runs.some((o) => Math.abs(sum(o.probs!) - 1) > 0.01)).toBe(true)
      expect(runs.some((o) => argmax(o.logits!) !== argmax(o.probs!))).toBe(true)
    })

    test('the frame never reaches the network (another image gives the same outputs), and the seed replays them', async () => {
      const a = await classify('faulty:garbage-input,seed=7,inner=onnx', SUN, 3)
      const b = await classify('faulty:garbage-input,seed=7,inner=onnx', `${root}examples/images/stripes.jpg`, 3)
      const c = await classify('faulty:garbage-input,seed=8,inner=onnx', SUN, 3)
      expect(b.map(bytesOf)).toEqual(a.map(bytesOf))
      expect(c.map(bytesOf)).not.toEqual(a.map(bytesOf))
    })

    test('with a rate, only some runs compute on garbage; the others are the healthy answer', async () => {
      const [truth] = await classify('onnx', SUN, 1)
      const runs = await classify('faulty:garbage-input,seed=3,rate=0.5,inner=onnx', SUN, 20)
      const healthy = runs.filter((o) => bytesOf(o).equals(bytesOf(truth!))).length
      expect(argmax(truth!.probs!)).toBe(SUN_CLASS)
      expect(healthy).toBeGreaterThan(2)
      expect(healthy).toBeLessThan(18)
    })

    test('on the default inner device (the emulator), uint8 frames are replaced too', async () => {
      const model = await (await open('faulty:garbage-input,seed=7')).load(CLASSIFIER)
      const healthy = await (await open('emulator')).load(CLASSIFIER)
      const truth = bytesOf(await healthy.infer(SUN))
      const out = [await model.infer(SUN), await model.infer(SUN)].map(bytesOf)
      expect(out[0]!.equals(truth)).toBe(false)
      expect(out[1]!.equals(out[0]!)).toBe(false)
    })
  })

  test("stale: each call returns the previous call's output, so output k depends on input k−1", async () => {
    const inputs = [frame(0), frame(1), frame(2), frame(3)]
    const truth = await reference(inputs)
    const out = await runs(await (await open('faulty:stale,seed=1,inner=onnx')).load(linear), inputs)
    expect(out[0]).toEqual(truth[0])
    expect(out[1]).toEqual(truth[0])
    expect(out[2]).toEqual(truth[1])
    expect(out[3]).toEqual(truth[2])
  })

  test('first-run: garbage on the first inference only', async () => {
    const [truth] = await reference([frame(0)])
    const out = await runs(await (await open('faulty:first-run,seed=2,inner=onnx')).load(linear), same(4))
    expect(out[0]!.equals(truth!)).toBe(false)
    expect(out.slice(1)).toEqual([truth, truth, truth])
  })

  test('bitflip: at rate 1, every call differs from the truth in 1 to 3 bits', async () => {
    const [truth] = await reference([frame(0)])
    const out = await runs(await (await open('faulty:bitflip,seed=4,rate=1,inner=onnx')).load(linear), same(20))
    for (const x of out) {
      let bits = 0
      for (let i = 0; i < x.length; i++) for (let v = x[i]! ^ truth![i]!; v; v &= v - 1) bits++
      expect(bits).toBeGreaterThanOrEqual(1)
      expect(bits).toBeLessThanOrEqual(3)
    }
  })

  test('bitflip: at the default rate, some calls are exact and some are not', async () => {
    const [truth] = await reference([frame(0)])
    const out = await runs(await (await open('faulty:bitflip,seed=4,inner=onnx')).load(linear), same(30))
    const exact = out.filter((x) => x.equals(truth!)).length
    expect(exact).toBeGreaterThan(3)
    expect(exact).toBeLessThan(27)
  })

  test('alternating: every second call returns the same second, wrong buffer', async () => {
    const [truth] = await reference([frame(0)])
    const out = await runs(await (await open('faulty:alternating,seed=5,inner=onnx')).load(linear), same(6))
    expect([out[0], out[2], out[4]]).toEqual([truth, truth, truth])
    expect(out[1]!.equals(truth!)).toBe(false)
    expect([out[3], out[5]]).toEqual([out[1], out[1]])
  })

  test('wrong-format: float pixels are rounded and C-cast to uint8 with no clip (0.6 → 1, 300 → 44, −1 → 255)', async () => {
    const bytes = identityModel({ dtype: 'float32', shape: [1, 5] }).bytes
    const model = await (
      await open('faulty:wrong-format,seed=1')
    ).load(bytes, { format: 'raw', outputQuant: { output: { scale: 1, zeroPoint: 0 } } })
    expect(model.inputs[0]).toMatchObject({ dtype: 'float32', quant: { scale: 1, zeroPoint: 0 } })
    const out = await model.infer(new Float32Array([0.2, 0.6, 2.5, 300, -1]))
    expect(Array.from(out.output!.data as Uint8Array)).toEqual([0, 1, 2, 44, 255])
  })

  test('wrong-format over onnx: a float input goes through the same cast and back', async () => {
    const bytes = identityModel({ dtype: 'float32', shape: [1, 3] }).bytes
    const model = await (await open('faulty:wrong-format,seed=1,inner=onnx')).load(bytes)
    const out = await model.infer(new Float32Array([0.4, 0.5, 0.51]))
    expect(Array.from(out.output!.data as Float32Array)).toEqual([0, 0, 1])
  })

  test('skip-normalization on the emulator: the .alls normalization is not applied', async () => {
    const bytes = identityModel({ dtype: 'float32', shape: [1, 4] }).bytes
    const options = { format: 'raw' as const, outputQuant: { output: { scale: 1, zeroPoint: 0 } } }
    const normalization = { mean: [100], std: [2] }
    const healthy = await (await open('emulator')).load(bytes, { ...options, normalization })
    const faulty = await (await open('faulty:skip-normalization,seed=1')).load(bytes, { ...options, normalization })
    const x = new Uint8Array([100, 102, 104, 200])
    expect(Array.from((await healthy.infer(x)).output!.data as Uint8Array)).toEqual([0, 1, 2, 50])
    expect(Array.from((await faulty.infer(x)).output!.data as Uint8Array)).toEqual([100, 102, 104, 200])
  })

  test('skip-normalization over onnx: float inputs reach the model ×255', async () => {
    const bytes = identityModel({ dtype: 'float32', shape: [1, 2] }).bytes
    const model = await (await open('faulty:skip-normalization,seed=1,inner=onnx')).load(bytes)
    expect(Array.from((await model.infer(new Float32Array([0.5, 1]))).output!.data as Float32Array)).toEqual([
      127.5, 255,
    ])
  })

  test('skip-normalization refuses a model with nothing to skip', async () => {
    const device = await open('faulty:skip-normalization,seed=1')
    await expect(device.load(identityModel({ dtype: 'float32', shape: [1, 2] }).bytes)).rejects.toThrow(
      /needs a model that normalizes its input/,
    )
    expect((device as FaultyDevice).inner.kind).toBe('emulator')
  })

  test('info() prints the seed and a spec that replays the run', async () => {
    const device = await open('faulty:bitflip,seed=77,rate=0.25,inner=onnx')
    const info = await device.info()
    expect(info.spec).toBe('faulty:bitflip,seed=77,rate=0.25,inner=onnx')
    expect(info.description).toMatch(/^faulty \(bitflip, seed 77, rate 0\.25\) over ONNX Runtime/)
    expect(info.extra).toMatchObject({ fault: 'bitflip', seed: 77, rate: 0.25 })
    expect(info.versions.onnxruntime).toBe('1.30.0')
  })

  test('without a seed, takes VITEST_HAILO_SEED and writes it into the spec', async () => {
    const previous = process.env.VITEST_HAILO_SEED
    process.env.VITEST_HAILO_SEED = '4242'
    try {
      const device = await open('faulty:stale')
      expect(device.spec).toBe('faulty:stale,seed=4242,inner=emulator')
    } finally {
      if (previous === undefined) delete process.env.VITEST_HAILO_SEED
      else process.env.VITEST_HAILO_SEED = previous
    }
  })

  test('refuses unknown faults (listing them), misplaced rates, bad seeds and unknown inner devices', async () => {
    const error = await openDevice('faulty:noisy').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UnknownNameError)
    expect((error as Error).message).toMatch(/Unknown fault "noisy".*\n.*- random:/s)
    await expect(openDevice('faulty:stale,rate=0.5')).rejects.toThrow(
      /"stale" takes no rate .*rate applies to random, garbage-input and bitflip\./,
    )
    await expect(openDevice('faulty:garbage-input,rate=0')).rejects.toThrow(InvalidArgumentError)
    await expect(openDevice('faulty:bitflip,rate=2')).rejects.toThrow(InvalidArgumentError)
    await expect(openDevice('faulty:random,seed=-1')).rejects.toThrow(/for seed in the device spec/)
    await expect(openDevice('faulty:random,inner=gpu')).rejects.toThrow(UnknownNameError)
    await expect(openDevice('faulty:random,speed=3')).rejects.toThrow(/unknown parameter "speed"/)
  })

  test('disposing the faulty device disposes its models and the inner device', async () => {
    const device = (await openDevice('faulty:stale,seed=1,inner=onnx')) as FaultyDevice
    const model = await device.load(linear)
    await device.dispose()
    await expect(model.infer(frame(0))).rejects.toThrow(/disposed/)
    await expect(device.inner.info()).rejects.toThrow(/disposed/)
  })
})
