/**
 * Parsing `faulty:<fault>[,seed=N][,rate=R][,inner=<spec>]`. The seed is resolved here (explicit,
 * else `VITEST_HAILO_SEED`, else fresh) and written back into the canonical spec, so `info()` and
 * every report carry a spec that replays the same faults.
 * @packageDocumentation
 */
import { InvalidArgumentError, UnknownNameError } from '../../../errors.js'
import { resolveSeed } from '../../../random/seed.js'
import { didYouMean, invalidParameter } from '../../../validate.js'
import type { DeviceSpec } from '../../spec.js'
import { DEFAULT_INNER, FAULT_NAMES, FAULTS, RATE_DEFAULTS, type FaultName } from './names.js'

/** A validated fault spec. */
export interface FaultSpec {
  readonly fault: FaultName
  readonly seed: number
  /** Probability per call, for the faults that have one. */
  readonly rate: number | undefined
  /** Spec of the wrapped device. */
  readonly inner: string
  /** The spec with the resolved seed, e.g. `faulty:stale,seed=7,inner=emulator`: replays the same run. */
  readonly canonical: string
}

function parseSeed(text: string | undefined): number {
  if (text === undefined) return resolveSeed()
  const n = Number(text)
  if (!/^\d+$/.test(text) || n > 0xffffffff)
    throw invalidParameter('seed in the device spec', 'an integer between 0 and 4294967295', text)
  return n
}

/** `a, b and c`. */
function listFaults(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`
}

function parseRate(fault: FaultName, text: string | undefined): number | undefined {
  const fallback = RATE_DEFAULTS[fault]
  if (text === undefined) return fallback
  if (fallback === undefined) {
    throw new InvalidArgumentError(
      `The fault "${fault}" takes no rate (it always happens); rate applies to ${listFaults(Object.keys(RATE_DEFAULTS))}. Remove ",rate=${text}".`,
    )
  }
  const n = Number(text)
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 1)
    throw invalidParameter('rate in the device spec', 'a probability in (0, 1]', text)
  return n
}

/**
 * Validate a parsed `faulty:` spec.
 * @example
 * ```ts
 * parseFaultSpec(parseDeviceSpec('faulty:bitflip,seed=3,rate=0.1'))
 * // { fault: 'bitflip', seed: 3, rate: 0.1, inner: 'emulator', canonical:
 * 'faulty:bitflip,seed=3,rate=0.1,inner=emulator' }
 * ```
 */
export function parseFaultSpec(spec: DeviceSpec): FaultSpec {
  const name = spec.argument ?? ''
  if (!(FAULT_NAMES as readonly string[]).includes(name)) {
    throw new UnknownNameError(
      'E_UNKNOWN_FAULT',
      `Unknown fault ${JSON.stringify(name)} in device spec ${JSON.stringify(spec.text)}.${didYouMean([name], FAULT_NAMES)} Valid faults:\n${FAULT_NAMES.map((f) => `  - ${f}: ${FAULTS[f]}`).join('\n')}`,
    )
  }
  const fault = name as FaultName
  const seed = parseSeed(spec.params.seed)
  const rate = parseRate(fault, spec.params.rate)
  const inner = spec.params.inner ?? DEFAULT_INNER
  const canonical = [
    `faulty:${fault}`,
    `seed=${seed}`,
    ...(rate === undefined ? [] : [`rate=${rate}`]),
    `inner=${inner}`,
  ].join(',')
  return { fault, seed, rate, inner, canonical }
}
