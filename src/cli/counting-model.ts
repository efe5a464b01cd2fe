/**
 * A model seen through a counter: every `infer` that resolves calls `onInfer`, so the CLI can draw
 * progress without the engines knowing about terminals. Everything else is the model itself.
 * @packageDocumentation
 */
import type { InferableModel } from '../device/types.js'

/**
 * `model` with `infer` counted. Other properties and methods are the model's own, bound to it (so
 * private state and getters keep working).
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
  return new Proxy(model, {
    get(target, property) {
      if (property === 'infer') return infer
      const value: unknown = Reflect.get(target, property)
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
}
