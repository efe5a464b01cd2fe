/**
 * `openDevice('hailo')` / `'hailo:<bdf>'`: a HailoRT vdevice (scheduler on, so no activation), held
 * for the device's lifetime under the cross-process chip lock. Opening fails fast with a named
 * error: the library missing (every path tried), an unsupported version, no chip, or a chip held
 * by another process (with how to find it).
 * @packageDocumentation
 */
import koffi from 'koffi'
import { DeviceBusyError, DeviceUnavailableError } from '../../../errors.js'
import { assertInteger, invalidParameter } from '../../../validate.js'
import { BaseDevice, type DeviceInfoParts, type LoadRequest } from '../../base-device.js'
import type { BaseLoadedModel } from '../../base-loaded-model.js'
import type { DeviceSpec } from '../../spec.js'
import { loadHailort, type HailortLibrary, type LoadHailortOptions } from './ffi/library.js'
import { checkStatus, statusError } from './ffi/status.js'
import { DeviceId, VDeviceParams } from './ffi/structs.js'
import type { Handle } from './ffi/types.js'
import type { BoardHealthSource } from '../../../health/types.js'
import { startBoardHealth, type HailoBoardHealth } from './board-health.js'
import { HailoModel } from './hailo-model.js'
import { readDeviceInfo } from './device-info.js'
import { judgeAtLoad, refusalFromRuntime, verdictAfterLoad } from './judge-at-load.js'
import { acquireChipLock, DEFAULT_LOCK_TIMEOUT_MS, type ChipLock } from './lock/chip-lock.js'
import { setupNetwork } from './network-setup.js'
import { ReaderPool } from './reader-thread.js'
import { prepareHailortLogFolder } from './log-folder.js'
import { ReleaseStack } from './release-stack.js'

/** HailoRT's default vstream timeout, used when `load` gives none. */
export const DEFAULT_VSTREAM_TIMEOUT_MS = 10_000
/** Environment variable overriding the chip-lock wait (ms). */
export const LOCK_TIMEOUT_ENV = 'VITEST_HAILO_LOCK_TIMEOUT_MS'

/** Options of {@link HailoDevice.open} beyond the spec (tests inject the library search). */
export interface HailoOpenOptions {
  readonly library?: LoadHailortOptions
  readonly lockTimeoutMs?: number
  readonly signal?: AbortSignal
}

/** A Hailo-8 / Hailo-8L opened through libhailort. */
export class HailoDevice extends BaseDevice {
  readonly kind = 'hailo' as const
  readonly #lib: HailortLibrary
  readonly #vdevice: Handle
  readonly #physical: Handle | undefined
  readonly #lock: ChipLock
  readonly #bdf: string | undefined
  /** Threads that read the models' outputs, started at the first inference. */
  readonly #readers: ReaderPool
  /** The board's notifications, temperature and throttling; undefined without a physical device. */
  readonly #health: HailoBoardHealth | undefined
  /** Why the board cannot be watched, when it cannot. */
  readonly #healthUnavailable: string | undefined

  private constructor(
    spec: string,
    lib: HailortLibrary,
    vdevice: Handle,
    physical: Handle | undefined,
    lock: ChipLock,
    bdf: string | undefined,
    exclusive: boolean,
    health: HailoBoardHealth | undefined,
    healthUnavailable: string | undefined,
  ) {
    super(spec, { exclusive })
    this.#health = health
    this.#healthUnavailable = healthUnavailable
    this.#lib = lib
    this.#vdevice = vdevice
    this.#physical = physical
    this.#lock = lock
    this.#bdf = bdf
    this.#readers = new ReaderPool(lib.path)
  }

  /** The loaded libhailort (path, version, layout family). */
  get library(): HailortLibrary {
    return this.#lib
  }

  /**
   * The board's health (chip temperature, throttling, HailoRT's notifications), for the checks'
   * windows; undefined when the vdevice gives no physical device (HailoRT's multi-process service).
   */
  get health(): BoardHealthSource | undefined {
    return this.#health
  }

  /** Why {@link health} is undefined, when it is. */
  get healthUnavailable(): string | undefined {
    return this.#healthUnavailable
  }

  /** The chip lock held by this device. */
  get lock(): ChipLock {
    return this.#lock
  }

  /**
   * Open the chip: load libhailort, take the chip lock, create the vdevice.
   * @example
   * ```ts
   * await using device = await HailoDevice.open(parseDeviceSpec('hailo'))
   * ```
   */
  static async open(spec: DeviceSpec, options: HailoOpenOptions = {}): Promise<HailoDevice> {
    const bdf = spec.argument
    if (bdf !== undefined && !/^([0-9a-fA-F]{4}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]$/.test(bdf)) {
      throw invalidParameter(
        'hailo device',
        'a PCIe BDF such as hailo:0001:01:00.0 (see `lspci -D | grep -i hailo`)',
        bdf,
      )
    }
    const lockTimeoutMs = lockTimeout(spec, options)
    const multiProcess = multiProcessOf(spec)
    prepareHailortLogFolder()
    const lib = loadHailort(options.library)
    // Through HailoRT's multi-process service the service owns the chip and schedules every
    // process on it: taking turns with our lock would only serialize what the service shares.
    const lock = multiProcess
      ? sharedLock()
      : await acquireChipLock({
          chipId: bdf ?? 'default',
          timeoutMs: lockTimeoutMs,
          ...(options.signal ? { signal: options.signal } : {}),
        })
    try {
      const vdevice = await createVDevice(lib, bdf, multiProcess)
      let physical: Handle | undefined
      try {
        const devices = new BigUint64Array(4)
        const count = [4]
        if ((lib.call('hailo_get_physical_devices', vdevice, devices, count) as number) === 0 && count[0]! > 0)
          physical = devices[0]
      } catch {
        // Only device.info() needs it; a vdevice without physical devices (service mode) still infers.
      }
      const { health, healthUnavailable } = await startBoardHealth(lib, physical)
      return new HailoDevice(spec.text, lib, vdevice, physical, lock, bdf, !multiProcess, health, healthUnavailable)
    } catch (error) {
      lock.release()
      throw error
    }
  }

  protected async loadImpl(request: LoadRequest): Promise<BaseLoadedModel> {
    const format = request.options.format ?? 'float32'
    // Judged once, from the bytes being loaded. A predicted refusal is not enforced: HailoRT has the last word.
    const predicted = await judgeAtLoad(request, this.#lib.versionText, () => this.infoImpl())
    const stack = new ReleaseStack()
    try {
      const network = await setupNetwork(
        this.#lib,
        this.#vdevice,
        {
          bytes: request.bytes,
          source: request.source,
          format,
          ...(request.path !== undefined ? { path: request.path } : {}),
          ...(request.options.networkGroup !== undefined ? { networkGroup: request.options.networkGroup } : {}),
          ...(request.options.batchSize !== undefined ? { batchSize: request.options.batchSize } : {}),
          ...(request.options.timeoutMs !== undefined ? { timeoutMs: request.options.timeoutMs } : {}),
        },
        stack,
      )
      return new HailoModel({
        device: this,
        source: request.source,
        inputs: network.inputs.infos,
        outputs: network.outputs.infos,
        fingerprint: request.fingerprint,
        lib: this.#lib,
        network,
        stack,
        format,
        timeoutMs: request.options.timeoutMs ?? DEFAULT_VSTREAM_TIMEOUT_MS,
        readers: this.#readers,
        ...(this.#health ? { countInference: this.#health.countInference.bind(this.#health) } : {}),
        ...(predicted === undefined ? {} : { compatibility: verdictAfterLoad(predicted)! }),
      })
    } catch (error) {
      return stack.unwind(refusalFromRuntime(request.source, predicted, error))
    }
  }

  protected async infoImpl(): Promise<DeviceInfoParts> {
    return readDeviceInfo(this.#lib, this.#physical, this.#bdf)
  }

  protected override async disposeImpl(): Promise<void> {
    try {
      // Models are disposed first (the base does it), so no read is pending here.
      await this.#readers.close()
      // Callbacks removed before the vdevice, the koffi callback unregistered after (see health-thread.ts).
      const releaseVDevice = async (): Promise<void> =>
        checkStatus(
          (await this.#lib.callAsync('hailo_release_vdevice', this.#vdevice)) as number,
          'hailo_release_vdevice',
          { libraryVersion: this.#lib.versionText },
        )
      await (this.#health ? this.#health.releaseAround(releaseVDevice) : releaseVDevice())
    } finally {
      this.#lock.release()
    }
  }
}

function multiProcessOf(spec: DeviceSpec): boolean {
  const value = spec.params.multiProcess
  if (value === undefined || value === '0') return false
  if (value === '1') return true
  throw invalidParameter('multiProcess', "'1' (use HailoRT's multi-process service) or '0'", value)
}

/** The lock of a device opened through the multi-process service: nothing to hold. */
function sharedLock(): ChipLock {
  return {
    path: '(HailoRT multi-process service: no chip lock)',
    holder: { pid: process.pid, command: 'hailort service', since: new Date().toISOString() },
    waitedMs: 0,
    release() {},
  }
}

/** HailoRT's multi-process example shares one vdevice group between processes. */
const SHARED_GROUP_ID = 'SHARED'

function lockTimeout(spec: DeviceSpec, options: HailoOpenOptions): number {
  const raw = spec.params.lockTimeoutMs ?? process.env[LOCK_TIMEOUT_ENV]
  const value = options.lockTimeoutMs ?? (raw === undefined ? DEFAULT_LOCK_TIMEOUT_MS : Number(raw))
  assertInteger('lockTimeoutMs', value, 0)
  return value
}

async function createVDevice(lib: HailortLibrary, bdf: string | undefined, multiProcess: boolean): Promise<Handle> {
  const params = Buffer.alloc(koffi.sizeof(VDeviceParams))
  checkStatus(lib.call('hailo_init_vdevice_params', params) as number, 'hailo_init_vdevice_params', {
    libraryVersion: lib.versionText,
  })
  const ids = Buffer.alloc(koffi.sizeof(DeviceId))
  if (bdf !== undefined) {
    ids.write(bdf, 0, 'latin1')
    params.writeUInt32LE(1, koffi.offsetof(VDeviceParams, 'device_count'))
    params.writeBigUInt64LE(koffi.address(ids), koffi.offsetof(VDeviceParams, 'device_ids'))
  }
  const groupId = Buffer.from(`${SHARED_GROUP_ID}\0`, 'latin1')
  if (multiProcess) {
    params.writeUInt8(1, koffi.offsetof(VDeviceParams, 'multi_process_service'))
    params.writeBigUInt64LE(koffi.address(groupId), koffi.offsetof(VDeviceParams, 'group_id'))
  }
  const out: [Handle | null] = [null]
  const status = (await lib.callAsync('hailo_create_vdevice', params, out)) as number
  // Keeps `ids` and `groupId` alive until the call has returned (the params point into them).
  ids.fill(0)
  groupId.fill(0)
  if (status === 0) return out[0] as Handle
  throw await explainCreateFailure(lib, status, bdf)
}

/** Status 74/73 mean "no chip" or "someone else has it": tell which, and how to find out more. */
async function explainCreateFailure(lib: HailortLibrary, status: number, bdf: string | undefined): Promise<Error> {
  const cause = statusError(status, 'hailo_create_vdevice', {
    libraryVersion: lib.versionText,
    detail: bdf ? `for ${bdf}` : '',
  })
  if (status !== 74 && status !== 73) return cause
  const seen = await scanDevices(lib)
  if (seen !== undefined && seen.length === 0) {
    return new DeviceUnavailableError(
      [
        `No Hailo chip found: hailo_create_vdevice returned status ${status} (${cause.statusName}) and hailo_scan_devices sees no device [libhailort ${lib.versionText} from ${lib.path}].`,
        'Check: `lspci | grep -i hailo` (is the module seen on PCIe?), `ls /dev/hailo*` and `lsmod | grep hailo_pci` (is the driver loaded?), `dmesg | grep -i hailo` (did it probe?).',
        "No chip on this machine? Run the ONNX model on the onnx or emulator device (--device emulator from the shell, openDevice('emulator') in code), or skip the chip's tests with onMissingDevice: 'skip'.",
      ].join('\n'),
      { cause },
    )
  }
  return new DeviceBusyError(
    [
      `The Hailo chip${bdf ? ` ${bdf}` : ''} is present (${seen?.join(', ') ?? 'scan failed'}) but held by another process: hailo_create_vdevice returned status ${status} (${cause.statusName}) [libhailort ${lib.versionText}].`,
      'No vitest-hailo run holds its lock, so it is another program (a demo app, a service, a notebook).',
      'Find it with `sudo lsof /dev/hailo0` or `sudo fuser -v /dev/hailo0`, stop it, or enable HailoRT\'s multi-process service (spec "hailo,multiProcess=1").',
    ].join('\n'),
    { cause },
  )
}

/** BDFs `hailo_scan_devices` sees, or undefined when the scan itself fails. */
export async function scanDevices(lib: HailortLibrary): Promise<string[] | undefined> {
  const size = koffi.sizeof(DeviceId)
  const ids = Buffer.alloc(size * 8)
  const count = [8]
  try {
    const status = (await lib.callAsync('hailo_scan_devices', null, ids, count)) as number
    if (status !== 0) return undefined
  } catch {
    return undefined
  }
  return Array.from({ length: count[0]! }, (_, i) => koffi.decode(ids, i * size, 'char[32]') as string)
}
