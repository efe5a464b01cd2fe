/**
 * A model seen through a counter: every `infer` that resolves calls `onInfer`, so the CLI can draw
 * progress without the engines knowing about terminals. Everything else is the model itself.
 * @packageDocumentation
 */
import { loadRecordOf, rememberLoad } from '../device/load-record.js'
import type { InferableModel, LoadedModel } from '../device/types.js'

/**
 * `model` with `infer` counted. Other properties and methods are the model's own, bound to it (so
 * private state and getters keep working), and so is its load record: the engines reload it in
 * another format, or read its normalization, through that record.
 * @example
 * ```ts
 * const counted = countingInfers(model, () => progress.tick())
 * await runDeterminism(counted, { runs: 50 })
 * ```
 */
export function countingInfers<M extends InferableModel>(model: M, onInfer: () => void): M {
  const infer: InferableModel['infer'] = async (inputs, options) => {
    const outputs = await model.infer(inputs, options)
    onInfer()
    return outputs
  }
  const counted = new Proxy(model, {
    get(target, property) {
      if (property === 'infer') return infer
      const value: unknown = Reflect.get(target, property)
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
  // The load record is keyed by object identity: the counted view is the same loaded model.
  const record = loadRecordOf(model)
  if (record !== undefined) rememberLoad(counted as unknown as LoadedModel, record)
  return counted
}
