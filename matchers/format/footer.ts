/**
 * The end of every failure message: the device it ran on, the seed that replays it and the folder
 * holding its artifacts — so a failure can be replayed and inspected from its message alone.
 * @packageDocumentation
 */
import type { DeviceInfo } from '../../src/device/types.js'
import { SEED_ENV } from '../../src/random/seed.js'
import { formatNumber } from './numbers.js'

/** Where the artifacts went, or why they could not be written. */
export type ArtifactsOutcome =
  | { readonly folder: string; readonly contents?: string }
  | { readonly error: unknown }

/** What {@link formatFooter} prints. */
export interface FooterFacts {
  /** The seed in force for this check. */
  readonly seed: number
  /** What the seed drove, e.g. `synthetic input`. */
  readonly seedUsedFor?: string
  readonly artifacts?: ArtifactsOutcome
  /** Printed when the check ran on a device worth identifying (a chip, a fault injector). */
  readonly device?: DeviceInfo
}

/**
 * One line per fact, in a fixed order: device, seed, artifacts.
 * @example
 * ```ts
 * formatFooter({ seed: 42, artifacts: { folder: '.vitest-hailo/artifacts/a.test.ts/x' } })
 * // 'Seed: 42 (replay with VITEST_HAILO_SEED=42)\nArtifacts: .vitest-hailo/artifacts/a.test.ts/x'
 * ```
 */
export function formatFooter(facts: FooterFacts): string {
  const lines: string[] = []
  if (facts.device !== undefined) lines.push(`Device: ${formatDeviceInfo(facts.device)}`)
  const usedFor = facts.seedUsedFor === undefined ? '' : `, ${facts.seedUsedFor}`
  lines.push(`Seed: ${facts.seed} (replay with ${SEED_ENV}=${facts.seed}${usedFor})`)
  const a = facts.artifacts
  if (a !== undefined) {
    if ('folder' in a) lines.push(`Artifacts: ${a.folder}${a.contents === undefined ? '' : ` (${a.contents})`}`)
    else lines.push(`Artifacts: not written (${a.error instanceof Error ? a.error.message : String(a.error)})`)
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
