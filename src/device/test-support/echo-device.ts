/**
 * A backend-free device for testing the base classes: its model returns `y = x` (a copy), or
 * whatever a test's `behave` hook returns, and records what reached `inferImpl` / `disposeImpl`.
 */
import { BaseDevice, type DeviceInfoParts, type LoadRequest } from '../base-device.js'
import { BaseLoadedModel, type ImplOptions, type ModelInit } from '../base-loaded-model.js'
import type { Tensor, TensorInfo, TensorMap } from '../../tensor/types.js'

export const X: TensorInfo = { name: 'x', shape: [1, 4], dtype: 'float32', layout: 'NC' }
export const Y: TensorInfo = { name: 'y', shape: [1, 4], dtype: 'float32', layout: 'NC' }

export type Behave = (
  inputs: Readonly<Record<string, Tensor>>,
  options: ImplOptions,
  call: number,
) => Promise<unknown> | unknown

export class EchoModel extends BaseLoadedModel {
  calls = 0
  disposeCount = 0
  behave: Behave | undefined
  constructor(init: ModelInit) {
    super(init)
  }
  protected override async inferImpl(
    inputs: Readonly<Record<string, Tensor>>,
    options: ImplOptions,
  ): Promise<TensorMap> {
    this.calls += 1
    if (this.behave) return (await this.behave(inputs, options, this.calls)) as TensorMap
    const x = inputs.x as Tensor<'float32'>
    return { y: { data: x.data.slice(), shape: [...x.shape], dtype: 'float32' } }
  }
  protected override async disposeImpl(): Promise<void> {
    this.disposeCount += 1
  }
}

export class EchoDevice extends BaseDevice {
  readonly kind = 'onnx' as const
  lastRequest: LoadRequest | undefined
  loadDelay: Promise<void> | undefined
  disposeCount = 0
  protected override async loadImpl(request: LoadRequest): Promise<EchoModel> {
    this.lastRequest = request
    if (this.loadDelay) await this.loadDelay
    return new EchoModel({
      device: this,
      source: request.source,
      inputs: [X],
      outputs: [Y],
      fingerprint: request.fingerprint,
    })
  }
  protected override async infoImpl(): Promise<DeviceInfoParts> {
    return { description: 'echo', versions: { echo: '1' } }
  }
  protected override async disposeImpl(): Promise<void> {
    this.disposeCount += 1
  }
}

export const MODEL_BYTES = new Uint8Array([8, 1, 2, 3])
