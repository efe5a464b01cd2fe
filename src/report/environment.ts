/**
 * The environment fingerprint that goes into every `summary.json`: where the check ran (device
 * description, HailoRT / driver / firmware versions, temperature when known), which model, which
 * Node. Gathering it never fails a check: what cannot be read is reported as such.
 * @packageDocumentation
 */
import type { CompatVerdict } from '../hailort-compat/verdict.js'
import type { DeviceInfo } from '../device/types.js'
import { errorMessage } from '../error-message.js'

/** Where and on what a check ran. */
export interface EnvironmentFingerprint {
  readonly node: string
  readonly platform: string
  readonly arch: string
  /** The device's own description and versions, when the model came from a device. */
  readonly device?: DeviceInfo
  /** Why the device info could not be read, when it could not. */
  readonly deviceError?: string
  /** The model's identity, when it is a `LoadedModel`. */
  readonly model?: { readonly id?: string; readonly source?: string; readonly fingerprint?: string }
  /**
   * A HEF on the chip: its compiler and target against the HailoRT and chip that loaded it (judged once at
   * load, kept on the model as `compatibility`), with the pairing table's source in its reasons.
   */
  readonly compatibility?: CompatVerdict
}

interface ModelLike {
  readonly id?: unknown
  readonly source?: unknown
  readonly fingerprint?: unknown
  readonly compatibility?: unknown
  readonly device?: { readonly info?: unknown }
}

/**
 * Fingerprint the environment of `model` (any object; `LoadedModel`s give the most).
 * @example
 * ```ts
 * const env = await environmentOf(hef) // { node: 'v20.20.2', device: { kind: 'hailo', … }, model: { … } }
 * ```
 */
export async function environmentOf(model: unknown): Promise<EnvironmentFingerprint> {
  const base = { node: process.version, platform: process.platform, arch: process.arch }
  if (model === null || typeof model !== 'object') return base
  const m = model as ModelLike
  const identity: { id?: string; source?: string; fingerprint?: string } = {}
  if (typeof m.id === 'string') identity.id = m.id
  if (typeof m.source === 'string') identity.source = m.source
  if (typeof m.fingerprint === 'function') {
    try {
      const f: unknown = (m.fingerprint as () => unknown).call(model)
      if (typeof f === 'string') identity.fingerprint = f
    } catch {
      // A disposed model cannot fingerprint itself; the report simply goes without.
    }
  }
  const withIdentity = Object.keys(identity).length > 0 ? { ...base, model: identity } : base
  const withModel = isVerdict(m.compatibility) ? { ...withIdentity, compatibility: m.compatibility } : withIdentity
  const info = m.device?.info
  if (typeof info !== 'function') return withModel
  try {
    const device = (await (info as () => Promise<DeviceInfo>).call(m.device)) as DeviceInfo
    return { ...withModel, device }
  } catch (error) {
    return { ...withModel, deviceError: errorMessage(error) }
  }
}

/** A model's `compatibility` as the backends set it (user-wrapped models may carry anything there). */
function isVerdict(value: unknown): value is CompatVerdict {
  if (value === null || typeof value !== 'object') return false
  const v = value as Partial<CompatVerdict>
  return (
    typeof v.level === 'string' &&
    typeof v.hailort === 'string' &&
    typeof v.sdkVersion === 'string' &&
    Array.isArray(v.reasons)
  )
}
