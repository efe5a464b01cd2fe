/**
 * The `faulty` device: wraps another device (the emulator unless `inner=` says otherwise, because
 * the faults are the chip's and the emulator has the chip's uint8 boundary) and injects one fault,
 * seeded, into every model it loads. `info()` carries the canonical spec with the seed, so a failure
 * can be replayed from the report alone.
 * @packageDocumentation
 */
import { BaseDevice, type DeviceInfoParts, type LoadRequest } from '../../base-device.js'
import type { BaseLoadedModel } from '../../base-loaded-model.js'
import type { Device } from '../../types.js'
import type { BoardHealthSource } from '../../../health/types.js'
import { createBehaviour } from './behaviours.js'
import type { FaultSpec } from './fault-spec.js'
import { FaultyModel } from './faulty-model.js'
import { FAULTS } from './names.js'

/** Another device with a fault injected. */
export class FaultyDevice extends BaseDevice {
  readonly kind = 'faulty' as const
  readonly fault: FaultSpec
  readonly #inner: Device
  readonly #models = new Set<FaultyModel>()

  constructor(fault: FaultSpec, inner: Device) {
    super(fault.canonical, { exclusive: inner.exclusive })
    this.fault = fault
    this.#inner = inner
  }

  /**
   * Re-seed the random faults of every model this device has loaded from `caseSeed` (not the spec's seed):
   * the fuzz engine calls it as each case starts, so a case meets the same faults in a replay (a fresh load,
   * perhaps on another machine with another device seed, that runs only that case) as in the run that found it.
   * @example
   * ```ts
   * device.restartFaults(0x5eed) // then run the case
   * ```
   */
  restartFaults(caseSeed: number): void {
    for (const model of this.#models) model.restartFaults(caseSeed)
  }

  /** The wrapped device. */
  get inner(): Device {
    return this.#inner
  }

  /**
   * The wrapped device's board health: a fault injected on the host does not stop the board's own sensors and
   * notifications from being read (`faulty:…,inner=hailo`). `undefined` over a device without a board.
   */
  get health(): BoardHealthSource | undefined {
    return this.#inner.health
  }

  protected override async loadImpl(request: LoadRequest): Promise<BaseLoadedModel> {
    // skip-normalization on the emulator: load the inner model without the on-chip normalization it was
    // asked for (through the device's own options, never by reaching into the emulator's model).
    const { normalization, ...withoutNormalization } = request.options
    const normalizationDropped =
      this.fault.fault === 'skip-normalization' && this.#inner.kind === 'emulator' && normalization !== undefined
    const inner = await this.#inner.load(
      request.path ?? request.bytes,
      normalizationDropped ? withoutNormalization : request.options,
    )
    try {
      const model = new FaultyModel(
        { device: this, source: request.source, fingerprint: request.fingerprint },
        inner,
        createBehaviour(this.fault, inner, { normalizationDropped }),
      )
      this.#models.add(model)
      model.onDisposed(() => this.#models.delete(model))
      return model
    } catch (error) {
      await inner.dispose()
      throw error
    }
  }

  protected override async infoImpl(): Promise<DeviceInfoParts> {
    const inner = await this.#inner.info()
    const { fault, seed, rate } = this.fault
    return {
      description: `faulty (${fault}, seed ${seed}${rate === undefined ? '' : `, rate ${rate}`}) over ${inner.description}`,
      versions: inner.versions,
      ...(inner.architecture === undefined ? {} : { architecture: inner.architecture }),
      extra: { fault, seed, ...(rate === undefined ? {} : { rate }), what: FAULTS[fault], inner },
    }
  }

  protected override disposeImpl(): Promise<void> {
    return this.#inner.dispose()
  }
}
