/**
 * From ONNX Runtime's session metadata to vitest-hailo's {@link TensorInfo}: dtypes mapped, dynamic
 * dimensions kept symbolic, layouts guessed from the shape. Types vitest-hailo cannot feed or
 * compare (bool, float16, strings, sequences, maps) are refused at load with a clear message.
 * @packageDocumentation
 */
import { ModelFileError } from '../../../errors.js'
import type { DType, TensorInfo } from '../../../tensor/types.js'
import { guessLayout } from '../../layout.js'
import type { InferenceSession } from 'onnxruntime-node'

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
      throw new ModelFileError(source, `The ${side} "${m.name}" of ${source} is not a tensor (a sequence or map). vitest-hailo runs models whose inputs and outputs are tensors.`)
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
    return { name: m.name, shape, dtype: dtype as DType, layout: guessLayout(shape) }
  })
}
