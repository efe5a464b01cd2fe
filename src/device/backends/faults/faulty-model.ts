/**
 * A model on the `faulty` device: the inner device's model with one fault injected on its way in
 * or out. Disposing it disposes the inner model.
 * @packageDocumentation
 */
import type { Tensor, TensorMap } from '../../../tensor/types.js'
import { BaseLoadedModel, type ImplOptions, type ModelInit } from '../../base-loaded-model.js'
import type { LoadedModel } from '../../types.js'
import type { FaultBehaviour } from './behaviours.js'

/** A loaded model with a fault. */
export class FaultyModel extends BaseLoadedModel {
  readonly #inner: LoadedModel
  readonly #behaviour: FaultBehaviour
  #calls = 0

  constructor(init: Omit<ModelInit, 'inputs' | 'outputs'>, inner: LoadedModel, behaviour: FaultBehaviour) {
    super({ ...init, inputs: behaviour.inputs, outputs: inner.outputs })
    this.#inner = inner
    this.#behaviour = behaviour
  }

  /** Re-seed the fault's randomness for one fuzz case (see `FaultyDevice.restartFaults`). */
  restartFaults(caseSeed: number): void {
    this.#behaviour.restart(caseSeed)
  }

  /** The model the fault wraps. */
  get inner(): LoadedModel {
    return this.#inner
  }

  protected override async inferImpl(
    inputs: Readonly<Record<string, Tensor>>,
    options: ImplOptions,
  ): Promise<TensorMap> {
    const outputs = await this.#inner.infer(this.#behaviour.transformInputs(inputs), options)
    const call = this.#calls
    this.#calls += 1
    return this.#behaviour.transformOutputs(outputs, call)
  }

  protected override disposeImpl(): Promise<void> {
    return this.#inner.dispose()
  }
}
