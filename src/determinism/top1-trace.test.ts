import { describe, expect, test } from 'vitest'
import { classifyOutput } from './classifier.js'
import { runDeterminism } from './run.js'
import { INPUT, deterministicModel, modelFrom, randomModel } from './test-support/models.js'
import { MAX_TRACED_RUNS, Top1Trace } from './top1-trace.js'

describe('the top-1 of runs whose output is not kept', () => {
  test('every run past the kept exemplars gets its class and confidence, as its kept twin would', async () => {
    const r = await runDeterminism(randomModel(5), { runs: 8, input: INPUT, maxExemplars: 2 })
    expect(r.groups).toHaveLength(2)
    expect(r.other?.top1?.output).toBe('logits')
    expect(r.other!.top1!.runs.map(([run]) => run)).toEqual([3, 4, 5, 6, 7, 8])
    // Run 3's top-1, recomputed from a fresh model with the same seed, matches the trace.
    const again = randomModel(5)
    const outputs = [await again.infer({ x: INPUT }), await again.infer({ x: INPUT }), await again.infer({ x: INPUT })]
    const p = classifyOutput(outputs[2]!.logits!)!
    expect(r.other!.top1!.runs[0]).toEqual([3, p.top1, p.confidence])
    // Each sample's verdict carries its own other runs.
    expect(r.samples[0]!.other?.top1?.runs).toHaveLength(6)
  })

  test('nothing is traced when every run is kept, or when no output is a classifier', async () => {
    expect((await runDeterminism(deterministicModel(), { runs: 5, input: INPUT })).other).toBeUndefined()
    let call = 0
    const scalar = modelFrom(() => new Float32Array([++call]))
    const noClass = await runDeterminism(
      { ...scalar, outputs: [{ name: 'logits', shape: [1, 1], dtype: 'float32', layout: 'NC' }] },
      { runs: 4, input: INPUT, maxExemplars: 1 },
    )
    expect(noClass.other?.runs.count).toBe(3)
    expect(noClass.other?.top1).toBeUndefined()
  })

  test('memory stays bounded: past the cap runs are only marked as untraced', () => {
    const trace = new Top1Trace(['y'], new Map())
    const y = { y: { data: new Float32Array([0.2, 0.8]), shape: [1, 2], dtype: 'float32' as const } }
    for (let run = 1; run <= MAX_TRACED_RUNS + 3; run++) trace.add(run, y)
    const built = trace.build()!
    expect(built.runs).toHaveLength(MAX_TRACED_RUNS)
    expect(built.truncated).toBe(true)
  })
})
