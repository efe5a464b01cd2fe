/**
 * Did a property's outputs depend on its inputs? A self-comparison (`repeatable`, `frame-order`) holds on a
 * model that answers the same bytes for every input — a saturated network, or a device computing on another
 * buffer — and then proves nothing. The watch keeps the first case's input and outputs and compares each later
 * case's with them, stopping for good at the first case whose outputs differ: on a healthy model that is the
 * second case, so the fuzz hot path pays one early-exit byte comparison per property.
 * @packageDocumentation
 */
import type { Tensor, TensorMap } from '../../tensor/types.js'
import type { SameOutputForEveryInput } from '../types.js'
import { sameBytes } from './infer-copy.js'

/** Watches one property's cases (see the module doc). */
export interface InputDependence {
  /** One case: the input it fed and the outputs it got (owned by the caller; the first ones are kept as they are). */
  observe(inputs: Readonly<Record<string, Tensor>>, outputs: TensorMap): void
  /** The finding when every case gave the first case's outputs for at least two different inputs, else undefined. */
  sameOutputForEveryInput(): SameOutputForEveryInput | undefined
}

function copyOf(inputs: Readonly<Record<string, Tensor>>): TensorMap {
  const copy: TensorMap = {}
  for (const [name, t] of Object.entries(inputs)) copy[name] = { ...t, data: t.data.slice() } as Tensor
  return copy
}

/**
 * A fresh {@link InputDependence}.
 * @example
 * ```ts
 * const watch = inputDependence()
 * watch.observe(inputs1, outputs1); watch.observe(inputs2, outputs2)
 * watch.sameOutputForEveryInput() // { cases: 2, differentInputs: 1 } when outputs2 equals outputs1
 * ```
 */
export function inputDependence(): InputDependence {
  let first: { readonly inputs: TensorMap; readonly outputs: TensorMap } | undefined
  let cases = 0
  let differentInputs = 0
  let dependent = false
  return {
    observe(inputs, outputs) {
      if (dependent) return
      if (first === undefined) {
        // The input buffers may be reused by the next case: keep a copy, once.
        first = { inputs: copyOf(inputs), outputs }
        cases = 1
        return
      }
      if (!sameBytes(outputs, first.outputs)) {
        dependent = true
        first = undefined // nothing more to watch: let the copies go
        return
      }
      cases++
      if (!sameBytes(inputs, first.inputs)) differentInputs++
    },
    sameOutputForEveryInput: () => (dependent || differentInputs === 0 ? undefined : { cases, differentInputs }),
  }
}
