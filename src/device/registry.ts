/**
 * The backend registry (onnxruntime `js/common` style): each backend registers an opener with a
 * priority; `openDevice('auto')` tries them best first. Registering never loads a runtime: openers
 * reach their native code with a dynamic `import()` only when called.
 * @packageDocumentation
 */
import type { Device } from './types.js'
import { assertInteger, assertKnownKeys, invalidParameter } from '../validate.js'
import { errorMessage } from '../error-message.js'

/** A parsed device spec. */
export interface DeviceSpec {
  /** The spec as given (trimmed). */
  readonly text: string
  readonly kind: string
  /** What follows `kind:`, e.g. a BDF or a fault name. */
  readonly argument: string | undefined
  readonly params: Readonly<Record<string, string>>
}

/**
 * What `openDevice` hands an opener beside the spec: a backend that wraps another device (the fault
 * injector) opens it through `context.openDevice`, so no backend imports `open.ts` back.
 */
export interface OpenContext {
  /** Open another device by spec, as `openDevice` does. */
  readonly openDevice: (spec: string) => Promise<Device>
}

/** Opens a device for a parsed, validated spec. */
export type BackendOpener = (spec: DeviceSpec, context: OpenContext) => Promise<Device>

/** An availability probe's answer: `true`, `false`, or unavailable with the reason why. */
export type Availability = boolean | { readonly reason: string }

/** How a backend takes part in spec parsing and in `'auto'`. */
export interface BackendOptions {
  /** Higher is tried first by `'auto'` (hailo 100, onnx 10). */
  readonly priority: number
  /**
   * Cheap probe used by `'auto'` only (probed once per process, answer remembered): is the device
   * present? Answer `false` / `{ reason }` only when it is proven absent. `true` commits `'auto'`
   * to this backend: if its opener then fails (a chip that is busy, or present but failing to open),
   * `'auto'` throws that error instead of falling back to a lower backend, so a CI gate never
   * silently tests a software backend in place of the hardware. An explicit spec skips the probe
   * and lets the opener fail with its own, fuller message.
   * @defaultValue no probe: always tried, and a failure to open moves on to the next backend
   */
  readonly available?: () => Availability | Promise<Availability>
  /** Whether `'auto'` may pick this backend. @defaultValue true */
  readonly auto?: boolean
  /** Whether the spec takes `kind:<argument>`. @defaultValue 'none' */
  readonly argument?: 'none' | 'optional' | 'required'
  /** `key=value` parameters the spec accepts. @defaultValue none */
  readonly params?: readonly string[]
  /** How the spec is written, for error messages. @defaultValue the kind */
  readonly usage?: readonly string[]
}

/** A registered backend. */
export interface BackendEntry extends Required<Omit<BackendOptions, 'available'>> {
  readonly kind: string
  readonly opener: BackendOpener
  readonly available: (() => Availability | Promise<Availability>) | undefined
}

const backends = new Map<string, BackendEntry>()
const availability = new Map<string, Promise<Availability>>()

const KIND_PATTERN = /^[a-z][a-z0-9-]*$/

/**
 * Register (or replace) the opener of a device kind.
 * @example
 * ```ts
 * registerBackend('onnx', async (spec) => new (await import('./onnx/onnx-device.js')).OnnxDevice(spec.text), {
 * priority: 10 })
 * ```
 */
export function registerBackend(kind: string, opener: BackendOpener, options: BackendOptions): void {
  if (typeof kind !== 'string' || !KIND_PATTERN.test(kind) || kind === 'auto') {
    throw invalidParameter('kind', "a lower-case device kind other than 'auto' (letters, digits, '-')", kind)
  }
  if (typeof opener !== 'function') throw invalidParameter('opener', 'a function (spec) => Promise<Device>', opener)
  if (typeof options !== 'object' || options === null)
    throw invalidParameter('options', 'an object { priority }', options)
  assertKnownKeys('backend options', options, ['priority', 'available', 'auto', 'argument', 'params', 'usage'])
  assertInteger('priority', options.priority, -1000, 1000)
  if (options.available !== undefined && typeof options.available !== 'function')
    throw invalidParameter('available', 'a function', options.available)
  backends.set(kind, {
    kind,
    opener,
    priority: options.priority,
    available: options.available,
    auto: options.auto ?? true,
    argument: options.argument ?? 'none',
    params: options.params ?? [],
    usage: options.usage ?? [kind],
  })
  availability.delete(kind)
}

/** The backend registered for `kind`, if any. */
export function getBackend(kind: string): BackendEntry | undefined {
  return backends.get(kind)
}

/**
 * Every registered backend, best priority first (the order `'auto'` tries them in).
 * @example
 * ```ts
 * listBackends().map((b) => b.kind) // ['hailo', 'onnx', 'emulator', 'faulty']
 * ```
 */
export function listBackends(): BackendEntry[] {
  return [...backends.values()].sort((a, b) => b.priority - a.priority)
}

/** Remove a backend (tests use it to restore the registry). */
export function unregisterBackend(kind: string): void {
  backends.delete(kind)
  availability.delete(kind)
}

/** Ask a backend whether its device is present, once per process; a probe that throws counts as "no". */
export function probeAvailability(entry: BackendEntry): Promise<Availability> {
  let answer = availability.get(entry.kind)
  if (answer === undefined) {
    const probe = entry.available
    answer =
      probe === undefined
        ? Promise.resolve(true)
        : Promise.resolve()
            .then(() => probe())
            .catch((error: unknown) => ({
              reason: `its availability probe failed: ${errorMessage(error)}`,
            }))
    availability.set(entry.kind, answer)
  }
  return answer
}
