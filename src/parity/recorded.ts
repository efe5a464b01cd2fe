/**
 * A reference given as outputs already computed — e.g. the Dataflow Compiler emulator's SDK_NATIVE or
 * SDK_QUANTIZED outputs saved with `np.save` — so a user can tell which stage broke: parse (native),
 * quantization (quantized) or the chip.
 * @packageDocumentation
 */
import { guessLayout } from '../device/layout.js'
import type { InferableModel } from '../device/types.js'
import { InvalidArgumentError } from '../errors.js'
import { readNpy } from '../inputs/npy.js'
import type { Tensor, TensorInfo, TensorMap } from '../tensor/types.js'
import { describeValue } from '../validate.js'

/** Reference outputs by output name: tensors, or paths of `.npy` files. */
export type RecordedOutputs = Readonly<Record<string, Tensor | string>>

const isTensorLike = (v: unknown): v is Tensor =>
  v !== null &&
  typeof v === 'object' &&
  ArrayBuffer.isView((v as Tensor).data) &&
  Array.isArray((v as Tensor).shape) &&
  typeof (v as Tensor).dtype === 'string'

/**
 * True for a plain record whose values are all tensors or `.npy` paths (and which is not a model).
 * @example
 * ```ts
 * isRecordedOutputs({ logits: 'sdk_native/logits.npy' }) // true
 * ```
 */
export function isRecordedOutputs(value: unknown): value is RecordedOutputs {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || ArrayBuffer.isView(value)) return false
  if (typeof (value as { infer?: unknown }).infer === 'function' || isTensorLike(value)) return false
  const entries = Object.values(value)
  return entries.length > 0 && entries.every((v) => typeof v === 'string' || isTensorLike(v))
}

/**
 * Load recorded outputs as a model that takes no input and always returns them.
 * @throws {@link InvalidArgumentError} for a path that is not a `.npy` file; `readNpy`'s errors for a
 * missing or malformed file.
 */
export async function recordedModel(outputs: RecordedOutputs): Promise<{ model: InferableModel; label: string }> {
  const tensors: TensorMap = {}
  for (const [name, value] of Object.entries(outputs)) {
    if (typeof value === 'string') {
      if (!/\.npy$/i.test(value)) {
        throw new InvalidArgumentError(
          `Expected a .npy path or a tensor for recorded reference output "${name}" but received ${describeValue(value)}.`,
        )
      }
      tensors[name] = await readNpy(value)
    } else {
      tensors[name] = value
    }
  }
  const infos: TensorInfo[] = Object.entries(tensors).map(([name, t]) => ({
    name,
    shape: [...t.shape],
    dtype: t.dtype,
    layout: guessLayout(t.shape),
  }))
  const label = `recorded outputs (${Object.entries(outputs)
    .map(([n, v]) => `${n}: ${typeof v === 'string' ? v : 'tensor'}`)
    .join(', ')})`
  return {
    label,
    model: {
      inputs: [],
      outputs: infos,
      // A shallow copy each time, so nothing downstream can swap the recorded tensors.
      infer: async () => ({ ...tensors }),
    },
  }
}
