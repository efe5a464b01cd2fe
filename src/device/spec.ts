/**
 * Device specs: `'auto' | 'onnx' | 'emulator' | 'hailo' | 'hailo:<bdf>' |
 * 'faulty:<fault>[,seed=N][,rate=R][,inner=<spec>]'`. Grammar: `kind[:argument][,key=value]…`;
 * the argument runs to the first comma (a PCIe BDF holds colons). Each backend declares whether it
 * takes an argument and which keys; anything else is an {@link UnknownNameError} listing what is valid.
 * @packageDocumentation
 */
import { InvalidArgumentError, UnknownNameError } from '../errors.js'
import { didYouMean, invalidParameter } from '../validate.js'
import { getBackend, listBackends, type DeviceSpec } from './registry.js'

export type { DeviceSpec }

/** The spec that picks the best available device. */
export const AUTO_SPEC = 'auto'

/**
 * Every spec form the registered backends accept, for error messages and help text.
 * @example
 * ```ts
 * validSpecs() // ['auto', 'hailo', 'hailo:<bdf>', …, 'onnx', 'emulator', 'faulty:<random|stale|…>[,seed=N]…']
 * ```
 */
export function validSpecs(): string[] {
  return [AUTO_SPEC, ...listBackends().flatMap((b) => b.usage)]
}

function splitSpec(text: string): DeviceSpec {
  const [head = '', ...pairs] = text.split(',')
  const colon = head.indexOf(':')
  const kind = colon < 0 ? head : head.slice(0, colon)
  const argument = colon < 0 ? undefined : head.slice(colon + 1)
  const params: Record<string, string> = {}
  for (const pair of pairs) {
    const eq = pair.indexOf('=')
    const key = eq < 0 ? pair : pair.slice(0, eq)
    const value = eq < 0 ? '' : pair.slice(eq + 1)
    if (key === '' || value === '') {
      throw new InvalidArgumentError(
        `Malformed device spec ${JSON.stringify(text)}: expected key=value after each comma but found ${JSON.stringify(pair)}. Example: "faulty:random,seed=7".`,
      )
    }
    if (Object.hasOwn(params, key)) {
      throw new InvalidArgumentError(
        `Malformed device spec ${JSON.stringify(text)}: "${key}" is given twice. Give each parameter once.`,
      )
    }
    params[key] = value
  }
  return { text, kind, argument, params }
}

/**
 * Parse and validate a device spec against the registered backends.
 * @example
 * ```ts
 * parseDeviceSpec('faulty:stale,seed=3') // { kind: 'faulty', argument: 'stale', params: { seed: '3' }, … }
 * ```
 */
export function parseDeviceSpec(spec: unknown): DeviceSpec {
  if (typeof spec !== 'string' || spec.trim() === '') {
    throw invalidParameter('device spec', `a device spec string (${validSpecs().join(' | ')})`, spec)
  }
  const parsed = splitSpec(spec.trim())
  const valid = (): string => `Valid specs: ${validSpecs().join(', ')}.`
  if (parsed.kind === AUTO_SPEC) {
    if (parsed.argument !== undefined || Object.keys(parsed.params).length > 0) {
      throw new UnknownNameError(
        'E_UNKNOWN_DEVICE',
        `Device spec ${JSON.stringify(parsed.text)}: "auto" takes no argument or parameters. ${valid()}`,
      )
    }
    return parsed
  }
  const backend = getBackend(parsed.kind)
  if (backend === undefined) {
    throw new UnknownNameError(
      'E_UNKNOWN_DEVICE',
      `Unknown device spec ${JSON.stringify(parsed.text)}: no device kind "${parsed.kind}". ${valid()}` +
        didYouMean([parsed.kind], [AUTO_SPEC, ...listBackends().map((b) => b.kind)]),
    )
  }
  const usage = `Write it as ${backend.usage.join(' or ')}.`
  if (backend.argument === 'none' && parsed.argument !== undefined) {
    throw new UnknownNameError(
      'E_UNKNOWN_DEVICE',
      `Device spec ${JSON.stringify(parsed.text)}: "${parsed.kind}" takes no ":${parsed.argument}". ${usage}`,
    )
  }
  if (parsed.argument === '' || (backend.argument === 'required' && parsed.argument === undefined)) {
    throw new UnknownNameError(
      'E_UNKNOWN_DEVICE',
      `Device spec ${JSON.stringify(parsed.text)}: "${parsed.kind}" needs an argument after the colon. ${usage}`,
    )
  }
  const unknown = Object.keys(parsed.params).filter((k) => !backend.params.includes(k))
  if (unknown.length > 0) {
    const accepted = backend.params.length > 0 ? `it accepts ${backend.params.join(', ')}` : 'it takes no parameters'
    throw new UnknownNameError(
      'E_UNKNOWN_DEVICE_PARAM',
      `Device spec ${JSON.stringify(parsed.text)}: unknown parameter${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} for "${parsed.kind}"; ${accepted}. ${usage}` +
        didYouMean(unknown, backend.params),
    )
  }
  return parsed
}

/** Format a spec back to text (parameters in the given order). */
export function formatDeviceSpec(spec: Pick<DeviceSpec, 'kind' | 'argument' | 'params'>): string {
  const head = spec.argument === undefined ? spec.kind : `${spec.kind}:${spec.argument}`
  return [head, ...Object.entries(spec.params).map(([k, v]) => `${k}=${v}`)].join(',')
}
