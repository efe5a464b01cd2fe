/**
 * A stages result as report data: per sample whether every step held and the chip's output digest, and
 * per step its errors (in output units and in quantization steps), similarity, top-1 agreement and the
 * criteria it failed — the table `toMatchStagesWithin` prints, as numbers.
 * @packageDocumentation
 */
import type { StagesResult } from '../../stages/types.js'
import type { CheckDetails } from './check-details.js'
import type { StageStepDetail } from './types.js'

/**
 * Report data of a {@link StagesResult}; `totalMs` is the matcher call's wall time.
 * @example
 * ```ts
 * stagesDetails(await runStages(hef, { onnx: 'model.onnx', quantized: 'emulator' }, options), 900).stages?.firstBroken
 * ```
 */
export function stagesDetails(r: StagesResult, tolerance: unknown, totalMs: number): CheckDetails {
  const steps: StageStepDetail[] = r.steps.map((s) => {
    const outputs = Object.entries(s.comparison.outputs)
    return {
      from: s.from,
      to: s.to,
      suspects: s.suspects,
      pass: s.comparison.pass,
      approximation: s.approximation,
      maxAbs: s.maxAbs,
      ...(s.maxSteps === undefined ? {} : { maxSteps: s.maxSteps }),
      cosine: Math.min(...outputs.map(([, o]) => o.worst.comparison.cosine)),
      top1: {
        agreeing: outputs.reduce((n, [, o]) => n + o.top1.agreeing, 0),
        rows: outputs.reduce((n, [, o]) => n + o.top1.rows, 0),
      },
      failed: outputs.flatMap(([output, o]) =>
        o.failed.map((f) => ({
          output,
          criterion: f.criterion,
          bound: f.bound,
          required: f.required,
          measured: f.measured,
        })),
      ),
    }
  })
  return {
    kind: 'stages',
    reference: r.stages.filter((s) => s !== 'chip').join(', '),
    seed: r.seed,
    inputs: r.samples.map((label, index) => ({
      index,
      label,
      held: r.perSample[index]?.held ?? r.pass,
      outputs:
        r.perSample[index] === undefined
          ? []
          : [{ digest: r.perSample[index]!.outputDigest, count: 1, runs: [[1, 1]] }],
    })),
    timing: { totalMs },
    stages: {
      tolerance,
      stages: r.stages,
      steps,
      ...(r.firstBroken === undefined ? {} : { firstBroken: r.firstBroken }),
    },
  }
}
