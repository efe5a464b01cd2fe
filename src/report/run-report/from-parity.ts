/**
 * A parity result as report data: per sample the model's output digest and whether it held, per
 * output of the worst sample the numbers a person reads first, and the |difference| histogram.
 * @packageDocumentation
 */
import type { ParityResult } from '../../parity/types.js'
import type { CheckDetails } from './check-details.js'
import { differenceHistogram } from './histogram.js'
import type { ParityOutputDetail } from './types.js'

/**
 * Report data of a {@link ParityResult}; `totalMs` is the matcher call's wall time (the engine does not time parity
 * runs).
 * @example
 * ```ts
 * parityDetails(await runParity(model, 'model.onnx', { tolerance: { atol: 1e-3 } }), 42).parity.histogram
 * ```
 */
export function parityDetails(r: ParityResult, totalMs: number): CheckDetails {
  const x = r.exemplar
  const worst = r.samples[x.sample]
  const outputs: ParityOutputDetail[] = r.outputs.map(({ model: name }) => {
    const c = worst?.comparison.outputs[name]
    if (c === undefined) return { name, pass: false }
    return {
      name,
      pass: c.pass,
      mismatched: c.mismatched,
      elements: c.n,
      cosine: c.cosine,
      ...(c.maxAbs === undefined ? {} : { maxAbsDiff: c.maxAbs.value }),
    }
  })
  return {
    kind: 'parity',
    reference: r.referenceLabel,
    seed: r.seed,
    inputs: r.samples.map((s) => ({
      index: s.index,
      label: s.label,
      held: s.comparison.pass,
      outputs: [{ digest: s.outputDigest, count: 1, runs: [[1, 1]] }],
    })),
    timing: { totalMs },
    parity: {
      tolerance: r.tolerance,
      outputs,
      histogram: differenceHistogram(Object.values(x.difference), r.tolerance.atol),
      sample: x.sample,
    },
  }
}
