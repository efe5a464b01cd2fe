/**
 * The end of every failure message: the device it ran on, the seed that replays it and the folder
 * holding its artifacts — so a failure can be replayed and inspected from its message alone.
 * @packageDocumentation
 */
import type { CompatVerdict } from '../../src/hailort-compat/verdict.js'
import type { DeviceInfo } from '../../src/device/types.js'
import { REPLAY_ENV } from '../../src/fuzz/types.js'
import { SEED_ENV } from '../../src/random/seed.js'
import type { EnvironmentFingerprint } from '../../src/report/environment.js'
import { formatPairing } from './compatibility.js'
import { formatNumber, plural } from './numbers.js'
import { errorMessage } from '../../src/error-message.js'

/** Where the artifacts went, or why they could not be written. */
export type ArtifactsOutcome = { readonly folder: string; readonly contents?: string } | { readonly error: unknown }

/** What {@link formatFooter} prints. */
export interface FooterFacts {
  /** The seed in force for this check. */
  readonly seed: number
  /** What the seed drove (see {@link seedDrove}); empty when every input was given and it drove nothing. */
  readonly seedDrove: readonly string[]
  /** A replay token (`toSurviveFuzzing`): printed as one line the user pastes in front of the test command. */
  readonly replay?: string
  readonly artifacts?: ArtifactsOutcome
  /** Printed when the check ran on a device worth identifying (a chip, a fault injector). */
  readonly device?: DeviceInfo
  /** A HEF on the chip: its compiler/runtime pairing, said in a few words on the Device line. */
  readonly compatibility?: CompatVerdict
}

/**
 * Device kinds whose fingerprint belongs in a message (a chip, a fault injector, the emulator); ONNX on the CPU tells
 * nothing new.
 */
const NAMED_DEVICE_KINDS: ReadonlySet<string> = new Set(['hailo', 'faulty', 'emulator'])

/**
 * The device a footer names: the environment's device when it is one worth identifying, with the HEF's
 * compatibility verdict when the model has one (a HEF on the chip).
 * @example
 * ```ts
 * formatFooter({ seed, seedDrove: [], ...deviceFact(await environmentOf(hef)) })
 * ```
 */
export function deviceFact(environment: EnvironmentFingerprint): {
  device?: DeviceInfo
  compatibility?: CompatVerdict
} {
  const device = environment.device
  if (device === undefined || !NAMED_DEVICE_KINDS.has(device.kind)) return {}
  return environment.compatibility === undefined ? { device } : { device, compatibility: environment.compatibility }
}

/**
 * What a check's seed drove, in words, for {@link FooterFacts.seedDrove}: the synthetic input, the
 * synthetic interleaved inputs, both, or nothing (every input was given).
 * @example
 * ```ts
 * seedDrove(true, 2) // ['the synthetic input', 'the 2 interleaved synthetic inputs']
 * ```
 */
export function seedDrove(syntheticInput: boolean, syntheticInterleaved = 0): string[] {
  const drove: string[] = []
  if (syntheticInput) drove.push('the synthetic input')
  if (syntheticInterleaved > 0)
    drove.push(
      `the ${syntheticInterleaved === 1 ? 'interleaved synthetic input' : plural(syntheticInterleaved, 'interleaved synthetic input')}`,
    )
  return drove
}

/**
 * One line per fact, in a fixed order: device (and, for a HEF on the chip, its compiler/runtime pairing),
 * seed (and exactly what it drove), the replay token of a fuzz failure, artifacts.
 * @example
 * ```ts
 * formatFooter({ seed: 42, seedDrove: ['the synthetic input'], artifacts: { folder:
 * '.vitest-hailo/artifacts/a.test.ts/x' } })
 * // 'Seed: 42 (drove the synthetic input; replay with VITEST_HAILO_SEED=42)\nArtifacts:
 * .vitest-hailo/artifacts/a.test.ts/x'
 * ```
 */
export function formatFooter(facts: FooterFacts): string {
  const lines: string[] = []
  if (facts.device !== undefined) {
    const pairing = facts.compatibility === undefined ? '' : `; ${formatPairing(facts.compatibility)}`
    lines.push(`Device: ${formatDeviceInfo(facts.device)}${pairing}`)
  }
  lines.push(
    facts.seedDrove.length === 0
      ? `Seed: ${facts.seed} (drove nothing: every input was given)`
      : `Seed: ${facts.seed} (drove ${facts.seedDrove.join(' and ')}; replay with ${SEED_ENV}=${facts.seed})`,
  )
  if (facts.replay !== undefined) lines.push(`Replay: ${REPLAY_ENV}=${facts.replay}`)
  const a = facts.artifacts
  if (a !== undefined) {
    if ('folder' in a) lines.push(`Artifacts: ${a.folder}${a.contents === undefined ? '' : ` (${a.contents})`}`)
    else lines.push(`Artifacts: not written (${errorMessage(a.error)})`)
  }
  return lines.join('\n')
}

/**
 * A device's environment fingerprint on one line: what it is, versions, temperature, throttling.
 * @example
 * ```ts
 * formatDeviceInfo(info) // 'Hailo-8L on 0001:01:00.0 [hailo] hailort 4.23.0, firmware 4.23.0, 52.1 °C'
 * ```
 */
export function formatDeviceInfo(info: DeviceInfo): string {
  const parts = [`${info.description} [${info.spec}]`]
  const versions = Object.entries(info.versions ?? {}).map(([k, v]) => `${k} ${v}`)
  if (versions.length > 0) parts.push(versions.join(', '))
  if (info.architecture !== undefined) parts.push(info.architecture)
  if (info.serial !== undefined) parts.push(`serial ${info.serial}`)
  if (info.temperatureC !== undefined) parts.push(`${formatNumber(info.temperatureC)} °C`)
  if (info.throttling === true) parts.push('THROTTLING')
  return parts.join(', ')
}
