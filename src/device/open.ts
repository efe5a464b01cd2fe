/**
 * `openDevice(spec)`: the one way to get a device. `'auto'` picks the best available device —
 * the chip when its backend says one is present, ONNX Runtime otherwise — and, when nothing works,
 * throws one error that lists every backend tried and why it failed (onnxruntime `js/common` style).
 *
 * `'auto'` is loud about hardware: it falls back from a backend only when that backend's probe
 * proves its device absent (for `hailo`: no libhailort, or a scan that finds no chip). A device that
 * is present but busy or fails to open is an error (e.g. {@link DeviceBusyError} naming the holder),
 * never a quiet run on ONNX Runtime.
 * @packageDocumentation
 */
import { DeviceUnavailableError } from '../errors.js'
import './backends/builtin.js'
import { useDeviceDefaults, type DeviceDefaults } from './defaults.js'
import { getBackend, listBackends, probeAvailability, type BackendEntry, type OpenContext } from './registry.js'
import { AUTO_SPEC, parseDeviceSpec } from './spec.js'
import type { Device } from './types.js'
import { errorMessage } from '../error-message.js'

/** The opener's own error (class and cause kept), with why `'auto'` stopped there. */
function committed(kind: string, error: unknown): unknown {
  if (!(error instanceof Error)) return error
  error.message += [
    '',
    `'auto' does not fall back: its probe found a ${kind} device on this machine, and running on a software backend instead would quietly test something else.`,
    `Free or fix the ${kind} device, or choose a device explicitly (VITEST_HAILO_DEVICE=onnx) to test without it.`,
  ].join('\n')
  return error
}

async function openAuto(context: OpenContext): Promise<Device> {
  const failures: { kind: string; reason: string; error?: unknown }[] = []
  const candidates = listBackends().filter((b: BackendEntry) => b.auto)
  for (const backend of candidates) {
    const availability = await probeAvailability(backend)
    if (availability !== true) {
      failures.push({
        kind: backend.kind,
        reason: availability === false ? 'not present on this machine' : availability.reason,
      })
      continue
    }
    try {
      return await backend.opener(parseDeviceSpec(backend.kind), context)
    } catch (error) {
      // Its probe said the device is here: falling back would test something else than asked for.
      if (backend.available !== undefined) throw committed(backend.kind, error)
      failures.push({ kind: backend.kind, reason: errorMessage(error), error })
    }
  }
  const lines = failures.map((f) => `  - ${f.kind}: ${f.reason}`)
  const errors = failures.flatMap((f) => (f.error === undefined ? [] : [f.error]))
  throw new DeviceUnavailableError(
    [
      `No device could be opened for "auto". Tried, best first:`,
      ...(lines.length > 0 ? lines : ['  (no backend is registered)']),
      'What to do: fix the first failure above, or name a device explicitly (VITEST_HAILO_DEVICE=onnx).',
    ].join('\n'),
    errors.length > 0 ? { cause: new AggregateError(errors, 'Failures of every backend tried by "auto"') } : undefined,
  )
}

/**
 * Open a device by spec, its models using `defaults` when a call gives no option of its own. The
 * configured device (`VITEST_HAILO_DEVICE`, the plugin's `device`) is resolved by the caller: the
 * public `openDevice` of `vitest-hailo` and the fixtures do it. `'auto'` opens the chip when one is
 * present and ONNX Runtime only when there is no chip at all; a chip that is present but busy (after
 * waiting `lockTimeoutMs` for the lock) or that fails to open makes `'auto'` throw that error.
 * @throws {@link DeviceBusyError} from `'auto'` or `'hailo'` when another process holds the chip (it names the holder).
 * @example
 * ```ts
 * await using device = await openDevice('onnx', { image: { resize: 'cv2-bilinear' } })
 * ```
 */
export async function openDevice(spec: string, defaults: DeviceDefaults = {}): Promise<Device> {
  const parsed = parseDeviceSpec(spec)
  // A wrapping backend (faulty) opens its inner device with the same defaults.
  const context: OpenContext = { openDevice: (inner) => openDevice(inner, defaults) }
  let device: Device
  if (parsed.kind === AUTO_SPEC) {
    device = await openAuto(context)
  } else {
    const backend = getBackend(parsed.kind)
    if (backend === undefined) throw new Error(`internal: parseDeviceSpec accepted unregistered kind "${parsed.kind}"`)
    device = await backend.opener(parsed, context)
  }
  useDeviceDefaults(device, defaults)
  return device
}
