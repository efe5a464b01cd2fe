/**
 * The environment fingerprint that goes into every `summary.json`: where the check ran (device
 * description, HailoRT / driver / firmware versions, temperature when known), which model, which
 * Node. Gathering it never fails a check: what cannot be read is reported as such.
 * @packageDocumentation
 */
import type { DeviceInfo } from '../device/types.js'

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
}

interface ModelLike {
  readonly id?: unknown
  readonly source?: unknown
  readonly fingerprint?: unknown
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
  const withModel = Object.keys(identity).length > 0 ? { ...base, model: identity } : base
  const info = m.device?.info
  if (typeof info !== 'function') return withModel
  try {
    const device = (await (info as () => Promise<DeviceInfo>).call(m.device)) as DeviceInfo
    return { ...withModel, device }
  } catch (error) {
    return { ...withModel, deviceError: error instanceof Error ? error.message : String(error) }
  }
}
