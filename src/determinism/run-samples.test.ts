import { describe, expect, test } from 'vitest'
import type { InferableModel } from '../device/types.js'
import { FileError, InvalidArgumentError } from '../errors.js'
import { resolveInputs } from '../inputs/resolve.js'
import type { Tensor, TensorInfo, TensorMap } from '../tensor/types.js'
import { runDeterminism } from './run.js'
import {
  INPUT,
  deterministicModel,
  firstRunModel,
  logitsOf,
  misbehavesOnlyFor,
  sameInput,
  staleModel,
} from './test-support/models.js'
import { expectError } from '../../test/support/expect-error.js'

const images = new URL('../../examples/images/', import.meta.url).pathname
const A: Tensor = { data: new Float32Array([0.5, 0.1, 0.9, 0.2]), shape: [1, 4], dtype: 'float32' }
const B: Tensor = { data: new Float32Array([0.7, 0.3, 0.0, 0.6]), shape: [1, 4], dtype: 'float32' }

/** A tiny image classifier (8×8 RGB pixels in) that turns noisy for one image only. */
function imageModel(noisyFor: Tensor | undefined): InferableModel & { calls: number } {
  const inputs: TensorInfo[] = [{ name: 'image', shape: [1, 8, 8, 3], dtype: 'uint8', layout: 'NHWC' }]
  const outputs: TensorInfo[] = [{ name: 'logits', shape: [1, 5], dtype: 'float32', layout: 'NC' }]
  const model = {
    inputs,
    outputs,
    calls: 0,
    async infer(feeds: Readonly<Record<string, Tensor>>): Promise<TensorMap> {
      model.calls++
      const px = feeds.image!.data as Uint8Array
      const mean = px.reduce((s, v) => s + v, 0) / px.length / 255
      const x: Tensor = {
        data: new Float32Array([mean, px[0]! / 255, px[100]! / 255, px[191]! / 255]),
        shape: [1, 4],
        dtype: 'float32',
      }
      const y = logitsOf(x)
      if (noisyFor !== undefined && sameInput(feeds.image!, noisyFor)) y[0]! += model.calls
      return { logits: { data: y, shape: [1, 5], dtype: 'float32' } }
    },
  }
  return model
}

describe('runDeterminism over several samples (inputs)', () => {
  test('runs each sample of a list n times and names the one that is not deterministic', async () => {
    const model = misbehavesOnlyFor(B)
    const r = await runDeterminism(model, { runs: 6, inputs: [INPUT, A, B], seed: 3 })
    expect(model.calls).toBe(18)
    expect(r.deterministic).toBe(false)
    expect(r.samples.map((s) => [s.index, s.label, s.deterministic, s.distinctOutputs])).toEqual([
      [0, 'sample 1 (tensor)', true, 1],
      [1, 'sample 2 (tensor)', true, 1],
      [2, 'sample 3 (tensor)', false, 6],
    ])
    expect(r.samples.map((s) => s.pattern).slice(0, 2)).toEqual(['deterministic', 'deterministic'])
    // The detailed fields describe the non-deterministic sample, and its input.
    expect(r.sample).toBe(2)
    expect(r).toMatchObject({ pattern: r.samples[2]!.pattern, distinctOutputs: 6, runs: 6 })
    expect(sameInput(r.input.x!, B)).toBe(true)
    expect(r.samples[0]!.groups).toEqual([
      {
        id: 1,
        runs: { ranges: [[1, 6]], count: 6, truncated: false },
        predictions: { logits: expect.objectContaining({ top1: 1 }) },
        digest: expect.stringMatching(/^[0-9a-f]{32}$/),
      },
    ])
    expect(r.samples[2]!.flakiness).toMatchObject({ differing: 5, runs: 6 })
  })

  test('each distinct output of every sample carries a digest of its bytes: equal outputs, equal digests', async () => {
    const r = await runDeterminism(misbehavesOnlyFor(A), { runs: 3, inputs: [INPUT, A, INPUT] })
    expect(r.samples[0]!.groups[0]!.digest).toBe(r.samples[2]!.groups[0]!.digest)
    const misbehaving = r.samples[1]!.groups.map((g) => g.digest)
    expect(new Set(misbehaving).size).toBe(misbehaving.length)
    expect(misbehaving).not.toContain(r.samples[0]!.groups[0]!.digest)
  })

  test('keeps the tensors of one sample only, so memory does not grow with the dataset', async () => {
    const r = await runDeterminism(misbehavesOnlyFor(A), { runs: 3, inputs: [INPUT, A, B, INPUT, B] })
    expect(r.sample).toBe(1)
    for (const s of r.samples)
      expect(Object.keys(s).sort()).toEqual([
        'deterministic',
        'distinctOutputs',
        'flakiness',
        'groups',
        'index',
        'label',
        'pattern',
      ])
    for (const s of r.samples)
      for (const g of s.groups) expect(Object.keys(g).sort()).toEqual(['digest', 'id', 'predictions', 'runs'])
  })

  test("passes when every sample is deterministic; the details are then the first sample's", async () => {
    const r = await runDeterminism(deterministicModel(), { runs: 4, inputs: [A, B] })
    expect(r).toMatchObject({ deterministic: true, sample: 0, distinctOutputs: 1 })
    expect(r.samples.every((s) => s.deterministic)).toBe(true)
  })

  test('warm-up runs are per sample', async () => {
    const model = firstRunModel()
    const r = await runDeterminism(model, { runs: 3, warmup: 1, inputs: [A, B] })
    expect(r.deterministic).toBe(true)
    expect(model.calls).toBe(8)
  })

  test('a folder of real images: each image its own sample, in name order, one of them non-deterministic', async () => {
    const sun = await resolveInputs(imageModel(undefined).inputs, `${images}sun.png`)
    const r = await runDeterminism(imageModel(sun.image!), { runs: 3, inputs: images })
    expect(r.samples).toHaveLength(8)
    expect(r.samples.filter((s) => !s.deterministic).map((s) => s.label)).toEqual(['examples/images/sun.png'])
    expect(r.samples[r.sample]!.label).toBe('examples/images/sun.png')
    expect(r.distinctOutputs).toBe(3)
  })

  test('a synthetic input is labelled with the seed that made it', async () => {
    const r = await runDeterminism(deterministicModel(), { runs: 2, seed: 42 })
    expect(r.samples.map((s) => s.label)).toEqual(['synthetic (seed 42)'])
  })

  describe('refuses', () => {
    test('input together with inputs', async () => {
      const m = deterministicModel()
      await expect(runDeterminism(m, { runs: 2, input: INPUT, inputs: [A] })).rejects.toThrow(
        /Give either input \(one sample\) or inputs \(several samples/,
      )
      expect(m.calls).toBe(0)
    })
    test('a record by input name in inputs, pointing at input', async () => {
      const error = await expectError(
        runDeterminism(deterministicModel(), { runs: 2, inputs: { x: INPUT } as never }),
        InvalidArgumentError,
      )
      expect(error.message).toContain('a record by input name, which is one sample: pass it as input instead')
    })
    test('a folder with no samples, or one that does not exist', async () => {
      await expect(runDeterminism(deterministicModel(), { runs: 2, inputs: `${images}missing/` })).rejects.toThrow(
        FileError,
      )
    })
    test('a sample that does not fit the model, when its turn comes (samples stream, they are not all read first)', async () => {
      const m = deterministicModel()
      await expect(runDeterminism(m, { runs: 2, inputs: [A, new Float32Array(3)] })).rejects.toThrow()
      expect(m.calls).toBe(2)
    })
  })
})

describe('what the seed drove', () => {
  test('the synthetic input when none was given', async () => {
    const r = await runDeterminism(deterministicModel(), { runs: 2, seed: 5 })
    expect(r).toMatchObject({ syntheticInput: true, syntheticInterleaved: false })
  })
  test('the interleaved inputs when they were synthetic', async () => {
    const r = await runDeterminism(staleModel(), { runs: 4, input: INPUT, interleave: 2, seed: 5 })
    expect(r).toMatchObject({ syntheticInput: false, syntheticInterleaved: true, interleaved: 2 })
  })
  test('nothing when the input and the interleaved inputs were given', async () => {
    const r = await runDeterminism(staleModel(), { runs: 4, input: INPUT, interleave: [A, B], seed: 5 })
    expect(r).toMatchObject({ syntheticInput: false, syntheticInterleaved: false, interleaved: 2 })
  })
})
