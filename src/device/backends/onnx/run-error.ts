/**
 * ONNX Runtime's run-time failures in words a user can act on: the runtime's message alone ("Attempting
 * to broadcast an axis by a dimension other than 1. 25 by 26") names no input; here it comes with the
 * shapes fed and the shapes the model declares, and, when a dynamic dimension is involved, the likely fix.
 * @packageDocumentation
 */
import { InferenceRunError } from '../../../errors.js'
import { formatShape, isDynamicDim } from '../../../inputs/shape.js'
import type { Tensor } from '../../../tensor/types.js'
import type { InferenceSession } from 'onnxruntime-node'
import { errorMessage } from '../../../error-message.js'

/** How a runtime message reads when the graph could not take the sizes it was given. */
const SHAPE_TROUBLE = /broadcast|shape|dimension|dims|axis|size|reshape|concat/i

const describeDeclared = (metadata: readonly InferenceSession.ValueMetadata[], side: string): string[] =>
  metadata.map(
    (m) =>
      `${side} "${m.name}" ${m.isTensor ? `${formatShape(m.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : typeof d === 'string' && d !== '' ? d : '?')))} ${String(m.type)}` : '(not a tensor)'}`,
  )

/**
 * The error for a failed `session.run`: what ran, the runtime's message, what was fed, what is declared.
 * @example
 * ```ts
 * try { await session.run(feeds) } catch (e) { throw inferenceRunError(session, 'onnx:det.onnx#1', inputs, e) }
 * ```
 */
export function inferenceRunError(
  session: InferenceSession,
  modelId: string,
  inputs: Readonly<Record<string, Tensor>>,
  error: unknown,
): InferenceRunError {
  const runtime = errorMessage(error)
  const fed = Object.fromEntries(Object.entries(inputs).map(([name, t]) => [name, [...t.shape]]))
  const dynamic = session.inputMetadata.some(
    (m) => m.isTensor && m.shape.some((d) => typeof d !== 'number' || isDynamicDim(d)),
  )
  const hint =
    SHAPE_TROUBLE.test(runtime) && dynamic
      ? 'The graph could not take these sizes: a dynamic dimension accepts any size at the input, but the layers behind it may not ' +
        '(e.g. a detector whose sides must be multiples of 32). Feed the size the model was exported or trained for (resize the image, or give a shape that divides evenly).'
      : 'The failure is inside the graph, after the inputs were accepted: run the model on the same input with onnxruntime directly to see which node fails.'
  const lines = [
    `ONNX Runtime could not run ${modelId}: ${runtime}`,
    `Fed: ${Object.entries(inputs)
      .map(([name, t]) => `input "${name}" [${t.shape.join(', ')}] ${t.dtype}`)
      .join('; ')}`,
    `Declared: ${[...describeDeclared(session.inputMetadata, 'input'), ...describeDeclared(session.outputMetadata, 'output')].join('; ')}`,
    hint,
  ]
  return new InferenceRunError(lines.join('\n'), fed, error)
}
