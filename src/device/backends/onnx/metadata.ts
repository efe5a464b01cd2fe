/**
 * From ONNX Runtime's session metadata to vitest-hailo's {@link TensorInfo}: dtypes mapped, dynamic
 * dimensions kept symbolic, layouts guessed from the shape. Types vitest-hailo cannot feed or
 * compare (bool, float16, strings, sequences, maps) are refused at load with a clear message.
 * @packageDocumentation
 */
import { constants } from 'node:buffer'
import { ModelFileError, UnsupportedModelError } from '../../../errors.js'
import { bytesPerElement } from '../../../tensor/dtype.js'
import type { DType, TensorInfo } from '../../../tensor/types.js'
import { guessLayout } from '../../layout.js'
import type { InferenceSession } from 'onnxruntime-node'

// 4 GiB: Node 20's buffer limit. Node 22 reports 2^53 − 1 there, yet allocating even 4 TB fails later with a plain
// RangeError.
const MAX_LENGTH = Math.min(constants.MAX_LENGTH, 2 ** 32)

const DTYPES: readonly DType[] = ['uint8', 'int8', 'uint16', 'int16', 'int32', 'int64', 'float32', 'float64']

/**
 * Turn one side's metadata (inputs or outputs) into tensor infos.
 * @example
 * ```ts
 * toTensorInfos(session.inputMetadata, 'input', 'model.onnx')
 * ```
 */
export function toTensorInfos(
  metadata: readonly InferenceSession.ValueMetadata[],
  side: 'input' | 'output',
  source: string,
): TensorInfo[] {
  return metadata.map((m) => {
    if (!m.isTensor) {
      throw new ModelFileError(
        source,
        `The ${side} "${m.name}" of ${source} is not a tensor (a sequence or map). vitest-hailo runs models whose inputs and outputs are tensors.`,
      )
    }
    const dtype = m.type as string
    if (!(DTYPES as readonly string[]).includes(dtype)) {
      throw new ModelFileError(
        source,
        `The ${side} "${m.name}" of ${source} has element type ${dtype}, which vitest-hailo cannot ${side === 'input' ? 'feed' : 'compare'}. Supported: ${DTYPES.join(', ')}. Export the model with ${side === 'input' ? 'an input' : 'an output'} of one of these types (e.g. add a Cast).`,
      )
    }
    // A dynamic dim without a name comes back as -1 or '': give it one so it stays symbolic.
    const shape = m.shape.map((d, i) => ((typeof d === 'number' && d < 0) || d === '' ? `${m.name}_dim${i}` : d))
    refuseUnholdable(m.name, side, shape, dtype as DType, source)
    return { name: m.name, shape, dtype: dtype as DType, layout: guessLayout(shape) }
  })
}

/**
 * A tensor whose fixed dimensions alone need more bytes than one typed array can hold (4 GiB) could
 * never be fed or read: refuse it at load, by name, instead of a RangeError at the first allocation.
 */
function refuseUnholdable(
  name: string,
  side: 'input' | 'output',
  shape: readonly (number | string)[],
  dtype: DType,
  source: string,
): void {
  const fixed = shape.reduce<number>((n, d) => (typeof d === 'number' ? n * d : n), 1)
  const bytes = fixed * bytesPerElement(dtype)
  if (bytes <= MAX_LENGTH) return
  throw new UnsupportedModelError(
    `The ${side} "${name}" of ${source} declares shape [${shape.join(', ')}]: ${fixed.toExponential(3)} ${dtype} elements, ` +
      `${bytes.toExponential(3)} bytes, more than one tensor can hold in Node.js (${MAX_LENGTH} bytes). ` +
      'vitest-hailo cannot build or read such a tensor. Export the model with the shape it really runs at.',
  )
}
