/**
 * The check every inference's outputs pass before a caller sees them: each declared output present,
 * nothing undeclared, the declared dtype, a shape that fits the declaration, and data of exactly
 * that many elements. A failure is the device's fault ({@link OutputMismatchError}), never the test's.
 * @packageDocumentation
 */
import { OutputMismatchError } from '../errors.js'
import { typedArrayConstructor } from '../tensor/dtype.js'
import type { Tensor, TensorInfo, TensorMap } from '../tensor/types.js'
import { hasExactlyNames } from '../validate.js'

function fmt(shape: readonly (number | string)[]): string {
  return `[${shape.join(', ')}]`
}

function assertTensor(modelId: string, name: string, value: unknown, when: string): asserts value is Tensor {
  const t = value as Partial<Tensor> | null
  if (typeof t !== 'object' || t === null || !ArrayBuffer.isView(t.data) || !Array.isArray(t.shape)) {
    throw new OutputMismatchError(
      modelId,
      `Output "${name}" of ${modelId}${when} is not a tensor { data, shape, dtype }. The backend is broken; report it with the model.`,
    )
  }
}

function assertRecord(modelId: string, outputs: unknown, when: string): asserts outputs is Record<string, unknown> {
  if (typeof outputs !== 'object' || outputs === null) {
    throw new OutputMismatchError(
      modelId,
      `${modelId} returned ${String(outputs)}${when} instead of a record of output tensors.`,
    )
  }
}

function checkOne(modelId: string, info: TensorInfo, value: unknown): void {
  const where = `Output "${info.name}" of ${modelId}`
  assertTensor(modelId, info.name, value, '')
  const t = value
  if (t.dtype !== info.dtype || t.data.constructor !== typedArrayConstructor(info.dtype)) {
    throw new OutputMismatchError(
      modelId,
      `${where} should be ${info.dtype} as declared, but the device returned ${String(t.dtype)} data in a ${t.data.constructor.name}.`,
    )
  }
  const shape = t.shape as readonly unknown[]
  const fits =
    shape.length === info.shape.length &&
    shape.every(
      (d, i) =>
        typeof d === 'number' &&
        Number.isInteger(d) &&
        d >= 0 &&
        (typeof info.shape[i] === 'string' || info.shape[i] === d),
    )
  if (!fits) {
    throw new OutputMismatchError(
      modelId,
      `${where} should have shape ${fmt(info.shape)} as declared, but the device returned shape ${JSON.stringify(shape)}.`,
    )
  }
  const count = (shape as number[]).reduce((n, d) => n * d, 1)
  const length = (t.data as { length: number }).length
  if (length !== count) {
    throw new OutputMismatchError(
      modelId,
      `${where} has shape ${fmt(shape as number[])} (${count} elements) but ${length} elements of data: the device returned a truncated or oversized buffer.`,
    )
  }
}

/**
 * Throw {@link OutputMismatchError} unless `outputs` holds exactly the declared outputs, each with
 * the declared dtype and a fitting shape.
 * @example
 * ```ts
 * checkOutputs('onnx:net.onnx#1', model.outputs, await session.run(feeds))
 * ```
 */
export function checkOutputs(
  modelId: string,
  declared: readonly TensorInfo[],
  outputs: unknown,
): asserts outputs is TensorMap {
  assertRecord(modelId, outputs, '')
  // The common case, checked without allocating (it runs on every inference): exactly the declared names.
  if (!hasExactlyNames(declared, outputs)) {
    const names = new Set(declared.map((d) => d.name))
    const extra = Object.keys(outputs).filter((k) => !names.has(k))
    if (extra.length > 0) {
      throw new OutputMismatchError(
        modelId,
        `${modelId} returned undeclared output(s) ${extra.map((e) => `"${e}"`).join(', ')}; declared: ${[...names].join(', ')}.`,
      )
    }
  }
  for (const info of declared) {
    const value = (outputs as Record<string, unknown>)[info.name]
    if (value === undefined) {
      throw new OutputMismatchError(
        modelId,
        `${modelId} did not return its declared output "${info.name}" (returned: ${Object.keys(outputs).join(', ') || 'nothing'}).`,
      )
    }
    checkOne(modelId, info, value)
  }
}

/**
 * The lighter check of a model wrapped by hand (an `InferableModel`, whose outputs no base class has
 * checked): a record, and each of `names` it holds a tensor. A missing output or a changed shape is
 * left to the caller, which counts it as a different output. The same {@link OutputMismatchError}
 * as {@link checkOutputs}: the same fault is the model's, whoever wrapped it.
 * @example
 * ```ts
 * assertTensorRecord('the model', await model.infer(input), ['logits'], ' in run 3')
 * ```
 */
export function assertTensorRecord(
  modelId: string,
  outputs: unknown,
  names: readonly string[],
  when = '',
): asserts outputs is TensorMap {
  assertRecord(modelId, outputs, when)
  for (const name of names) if (outputs[name] !== undefined) assertTensor(modelId, name, outputs[name], when)
}
