import { describe, expect, test } from 'vitest'
import { PAIRINGS_SOURCE } from '../../src/hailort-compat/pairings.js'
import type { CompatVerdict } from '../../src/hailort-compat/verdict.js'
import type { DeviceInfo } from '../../src/device/types.js'
import { formatLikelyCause, formatPairing } from './compatibility.js'
import { deviceFact, formatFooter } from './footer.js'

const verdict = (overrides: Partial<CompatVerdict>): CompatVerdict => ({
  level: 'validated',
  hailort: '4.19.0',
  sdkVersion: '3.29.0',
  pairedHailort: '4.19.0',
  reasons: [],
  ...overrides,
})
const chip: DeviceInfo = {
  kind: 'hailo',
  spec: 'hailo',
  description: 'Hailo-8 (fw 4.21.0) on the first free chip',
  versions: { hailort: '4.21.0' },
}

describe('formatLikelyCause', () => {
  test('is silent for a validated pairing', () => {
    expect(formatLikelyCause(verdict({}))).toBeUndefined()
  })
  test('an unvalidated pairing names the compiler, the HailoRT it pairs with, the one that ran and the source', () => {
    const line = formatLikelyCause(verdict({ level: 'unvalidated-pairing', hailort: '4.21.0' }))!
    expect(line).toMatch(
      /^Likely cause: not a validated compiler\/runtime pairing\. The HEF was compiled with Dataflow Compiler 3\.29\.0, which Hailo validated with HailoRT 4\.19\.0; this chip runs HailoRT 4\.21\.0\./,
    )
    expect(line).toContain(`(pairings: ${PAIRINGS_SOURCE})`)
  })
  test('a HEF newer than the runtime says which HailoRT to install', () => {
    const line = formatLikelyCause(
      verdict({ level: 'hef-newer-than-runtime', sdkVersion: '3.31.0', pairedHailort: '4.21.0', hailort: '4.19.0' }),
    )!
    expect(line).toMatch(
      /^Likely cause: the HEF is newer than the runtime\. .*Dataflow Compiler 3\.31\.0, which Hailo validated with HailoRT 4\.21\.0; this chip runs the older HailoRT 4\.19\.0\. Install HailoRT 4\.21\.0/,
    )
    expect(line).toContain(PAIRINGS_SOURCE)
  })
  test('a compiler the table does not know says so, with the source', () => {
    const { pairedHailort: _, ...unknown } = verdict({
      level: 'unvalidated-pairing',
      sdkVersion: '3.40.0',
      hailort: '4.23.0',
    })
    const line = formatLikelyCause(unknown)!
    expect(line).toMatch(
      /^Likely cause: no validated pairing is known\. .*Dataflow Compiler 3\.40\.0.*records no HailoRT; this chip runs HailoRT 4\.23\.0/,
    )
    expect(line).toContain(PAIRINGS_SOURCE)
  })
  test('a refusal lists the refusals, not the pairing finding', () => {
    const line = formatLikelyCause(
      verdict({
        level: 'refused',
        hailort: '4.23.0',
        reasons: [
          { code: 'periph-calculation-missing', runtime: '4.23' },
          { code: 'unvalidated-pairing', sdkVersion: '3.29.0', paired: '4.19.0', hailort: '4.23.0', source: 'PAIRING' },
        ],
      }),
    )!
    expect(line).toMatch(
      /^Likely cause: HailoRT 4\.23\.0 refuses this HEF: the HEF has the periph_calculation_in_hailort feature disabled: HailoRT 4\.23 treats it as outdated/,
    )
    expect(line).not.toContain('PAIRING')
  })
})

describe('formatPairing (the Device line)', () => {
  test('each level in a few words', () => {
    expect(formatPairing(verdict({}))).toBe(
      'HEF from Dataflow Compiler 3.29.0, a validated pairing with HailoRT 4.19.0',
    )
    expect(formatPairing(verdict({ level: 'unvalidated-pairing', hailort: '4.21.0' }))).toBe(
      'HEF from Dataflow Compiler 3.29.0, validated with HailoRT 4.19.0, not 4.21.0',
    )
    expect(
      formatPairing(verdict({ level: 'hef-newer-than-runtime', sdkVersion: '3.31.0', pairedHailort: '4.21.0' })),
    ).toBe('HEF from Dataflow Compiler 3.31.0, validated with HailoRT 4.21.0, newer than this 4.19.0')
    const { pairedHailort: _, ...unknown } = verdict({ level: 'unvalidated-pairing', sdkVersion: '3.40.0' })
    expect(formatPairing(unknown)).toBe('HEF from Dataflow Compiler 3.40.0, no validated HailoRT recorded')
    expect(formatPairing(verdict({ level: 'refused', hailort: '4.23.0' }))).toBe(
      'HEF from Dataflow Compiler 3.29.0, refused by HailoRT 4.23.0',
    )
  })
  test('the footer puts it on the Device line of a chip', () => {
    const footer = formatFooter({
      seed: 1,
      seedDrove: [],
      device: chip,
      compatibility: verdict({ level: 'unvalidated-pairing', hailort: '4.21.0' }),
    })
    expect(footer.split('\n')[0]).toBe(
      'Device: Hailo-8 (fw 4.21.0) on the first free chip [hailo], hailort 4.21.0; HEF from Dataflow Compiler 3.29.0, validated with HailoRT 4.19.0, not 4.21.0',
    )
  })
  test('no pairing without a verdict, and no Device line for ONNX on the CPU even with one', () => {
    expect(formatFooter({ seed: 1, seedDrove: [], device: chip }).split('\n')[0]).toBe(
      'Device: Hailo-8 (fw 4.21.0) on the first free chip [hailo], hailort 4.21.0',
    )
    const environment = { node: 'v20', platform: 'linux', arch: 'x64', compatibility: verdict({}) }
    expect(deviceFact({ ...environment, device: { ...chip, kind: 'onnx' } })).toEqual({})
    expect(deviceFact({ ...environment, device: chip })).toEqual({ device: chip, compatibility: verdict({}) })
    expect(deviceFact({ node: 'v20', platform: 'linux', arch: 'x64', device: chip })).toEqual({ device: chip })
  })
})
