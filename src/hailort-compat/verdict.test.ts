import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { InvalidArgumentError } from '../errors.js'
import { readHef } from '../hef/read.js'
import { ARCFACE, MNIST, TESTDATA } from '../hef/test-support/make-hef.js'
import type { DeviceInfo } from '../device/types.js'
import { compatibilityLikelyCause, verdictForDevice } from './likely-cause.js'
import { describeReason, verdictSentence } from './words.js'
import { TOOLCHAIN_PAIRINGS } from './pairings.js'
import { HAILORT_RELEASES, normalizeArchitecture } from './runtimes.js'
import type { CompatInput } from './verdict.js'
import { checkCompatibility, compatibilityAcrossReleases, pairedHailort } from './verdict.js'

const golden = JSON.parse(readFileSync(`${TESTDATA}golden.json`, 'utf8')) as {
  files: Record<string, { refusedBy?: string }>
}

/** A HEF description with only what the verdict reads; tests override one thing at a time. */
const hef = (overrides: Partial<CompatInput> = {}): CompatInput => ({
  headerVersion: 1,
  sdkVersion: '3.29.0',
  architecture: 'HAILO8',
  target: 'HAILO8P',
  extensions: [
    { index: 0, name: 'ABBALE' },
    { index: 26, name: 'PERIPH_CALCULATION_IN_HAILORT' },
  ],
  features: {
    periphCalculationInHailort: true,
    outputScalePerFeature: false,
    multiNetwork: false,
    multiContext: false,
    hailoNetFlow: false,
    coreHwPaddingInDfc: false,
    alignedCcws: false,
    legacyHostArgmax: false,
  },
  ...overrides,
})

describe('refusal predicted from the HEF content, checked against HailoRT 4.23 itself', () => {
  test('mnist.hef is refused by 4.23 with status 92 because periph_calculation_in_hailort is disabled (as golden.json records)', async () => {
    const verdict = checkCompatibility(await readHef(MNIST), { hailort: '4.23.0' })
    expect(verdict.level).toBe('refused')
    const refusal = verdict.reasons.find((r) => r.status !== undefined)!
    expect(refusal.code).toBe('periph-calculation-missing')
    expect(golden.files['mnist.hef']!.refusedBy).toContain(
      `returns ${refusal.status!.number} (${refusal.status!.name})`,
    )
    expect(golden.files['mnist.hef']!.refusedBy).toContain('periph_calculation_in_hailort')
  })

  test('arcface_mobilefacenet.hef is not refused by 4.23 (HailoRT 4.23 loads it in golden.json)', async () => {
    const verdict = checkCompatibility(await readHef(ARCFACE), { hailort: '4.23.0' })
    expect(verdict.level).not.toBe('refused')
    expect(golden.files['arcface_mobilefacenet.hef']!.refusedBy).toBeUndefined()
  })

  test('mnist.hef loads on 4.13-4.20 and is refused from 4.21 on', async () => {
    const verdicts = compatibilityAcrossReleases(await readHef(MNIST))
    expect(verdicts.filter((v) => v.level === 'refused').map((v) => v.hailort)).toEqual(['4.21.0', '4.22.0', '4.23.0'])
  })

  test('a required extension the runtime does not know is refused, by name', () => {
    const verdict = checkCompatibility(
      hef({
        extensions: [
          { index: 26, name: '' },
          { index: 31, name: '' },
        ],
      }),
      { hailort: '4.20.0' },
    )
    expect(verdict.level).toBe('refused')
    expect(describeReason(verdict.reasons[0]!)).toContain('EXTERNAL_RESOURCES')
    expect(verdict.reasons[0]!.status).toEqual({ number: 26, name: 'HAILO_INVALID_HEF' })
  })

  test('a header version the runtime cannot read is refused (version 3 before 4.21, version 2 before 4.20)', () => {
    expect(checkCompatibility(hef({ headerVersion: 3 }), { hailort: '4.20.1' }).reasons[0]!.code).toBe('header-version')
    expect(checkCompatibility(hef({ headerVersion: 2 }), { hailort: '4.19.0' }).level).toBe('refused')
    expect(checkCompatibility(hef({ headerVersion: 3 }), { hailort: '4.21.0' }).level).not.toBe('refused')
  })

  test('the legacy host argmax is refused from 4.19 on', () => {
    const features = { ...hef().features, legacyHostArgmax: true }
    expect(checkCompatibility(hef({ features }), { hailort: '4.18.0' }).level).not.toBe('refused')
    expect(checkCompatibility(hef({ features }), { hailort: '4.19.0' }).reasons[0]!.code).toBe('host-argmax')
  })

  test('HailoRT 5.x refuses Hailo-8 HEFs', () => {
    expect(checkCompatibility(hef(), { hailort: '5.1.0' }).reasons[0]!.code).toBe('runtime-line')
  })
})

describe('architecture', () => {
  test('a Hailo-8L HEF runs on a Hailo-8', () => {
    const verdict = checkCompatibility(hef({ architecture: 'HAILO8L', target: 'HAILO8L' }), {
      hailort: '4.19.0',
      device: 'HAILO8',
    })
    expect(verdict.level).toBe('validated')
  })

  test('device names are accepted as devices report them (Hailo-8L, HAILO_ARCH_HAILO8L)', () => {
    expect(checkCompatibility(hef(), { hailort: '4.19.0', device: 'Hailo-8L' }).level).toBe('refused')
    expect(checkCompatibility(hef(), { hailort: '4.19.0', device: 'Hailo-8' })).toMatchObject({
      level: 'validated',
      device: 'HAILO8',
    })
  })

  test('a device that is not a Hailo-8 or Hailo-8L refuses Hailo-8 HEFs', () => {
    expect(checkCompatibility(hef(), { hailort: '4.23.0', device: 'HAILO15H' }).reasons[0]!.code).toBe('architecture')
  })

  test('a Hailo-8 HEF does not run on a Hailo-8L', () => {
    const verdict = checkCompatibility(hef(), { hailort: '4.19.0', device: 'HAILO8L' })
    expect(verdict.level).toBe('refused')
    // Status 93 does not exist before 4.21: configuring answers HAILO_INVALID_HEF there.
    expect(verdict.reasons[0]).toMatchObject({
      code: 'architecture',
      status: { number: 26, name: 'HAILO_INVALID_HEF' },
    })
    expect(describeReason(verdict.reasons[0]!)).toContain('compiled for HAILO8 (HAILO8P) but the device is a HAILO8L')
    const newer = checkCompatibility(hef(), { hailort: '4.21.0', device: 'HAILO8L' })
    expect(newer.reasons.find((r) => r.code === 'architecture')).toMatchObject({
      status: { number: 93, name: 'HAILO_HEF_NOT_COMPATIBLE_WITH_DEVICE' },
    })
  })
})

describe('pairing levels', () => {
  test('the pairing Hailo validated is silent', () => {
    expect(checkCompatibility(hef(), { hailort: '4.19.0' })).toEqual({
      level: 'validated',
      hailort: '4.19.0',
      sdkVersion: '3.29.0',
      pairedHailort: '4.19.0',
      reasons: [],
    })
  })

  test('the motivating report: DFC 3.31 on HailoRT 4.19 is a HEF newer than its runtime', () => {
    const verdict = checkCompatibility(hef({ sdkVersion: '3.31.0' }), { hailort: '4.19.0' })
    expect(verdict.level).toBe('hef-newer-than-runtime')
    expect(verdictSentence(verdict)).toMatch(
      /^HEF newer than the runtime: .*3\.31\.0, validated with HailoRT 4\.21\.0, but runs on the older HailoRT 4\.19\.0/,
    )
  })

  test('an older compiler on a newer runtime is an unvalidated pairing', () => {
    expect(checkCompatibility(hef(), { hailort: '4.23.0' }).level).toBe('unvalidated-pairing')
  })

  test('a compiler the table does not know is an unvalidated pairing that names the source', () => {
    const verdict = checkCompatibility(hef({ sdkVersion: '3.22.1' }), { hailort: '4.20.0' })
    expect(verdict.level).toBe('unvalidated-pairing')
    expect(describeReason(verdict.reasons[0]!)).toContain('Hailo Model Zoo changelog')
  })

  test('both Dataflow Compiler 3.27 and 3.28 pair with HailoRT 4.18; patch versions do not matter', () => {
    expect(pairedHailort('3.27.0')).toBe('4.18.0')
    expect(pairedHailort('3.28.2')).toBe('4.18.0')
    expect(pairedHailort('not a version')).toBeUndefined()
  })

  test('the pairing table and the release table cover the same HailoRT line', () => {
    const runtimes = new Set(HAILORT_RELEASES.map((r) => r.version))
    for (const p of TOOLCHAIN_PAIRINGS) expect(runtimes.has(p.hailort.split('.').slice(0, 2).join('.'))).toBe(true)
  })

  test('refuses a runtime version that is not a version', () => {
    expect(() => checkCompatibility(hef(), { hailort: 'latest' })).toThrow(InvalidArgumentError)
    expect(() => checkCompatibility(hef(), undefined as unknown as { hailort: string })).toThrow(InvalidArgumentError)
  })
})

describe('compatibilityLikelyCause', () => {
  const device = (hailort: string | undefined, overrides: Partial<DeviceInfo> = {}): DeviceInfo => ({
    kind: 'hailo',
    spec: 'hailo',
    description: 'Hailo-8',
    versions: hailort === undefined ? {} : { hailort },
    architecture: 'HAILO8',
    ...overrides,
  })

  test('names an unvalidated pairing of a HEF on the chip', async () => {
    expect((await compatibilityLikelyCause(ARCFACE, device('4.23.0')))?.level).toBe('unvalidated-pairing')
  })

  test('says nothing for a validated pairing, a non-Hailo device, an unknown runtime, or an unreadable file', async () => {
    expect(await compatibilityLikelyCause(ARCFACE, device('4.19.0'))).toBeUndefined()
    expect(await compatibilityLikelyCause(ARCFACE, device('4.23.0', { kind: 'onnx' }))).toBeUndefined()
    expect(await compatibilityLikelyCause(ARCFACE, device(undefined))).toBeUndefined()
    expect(await compatibilityLikelyCause('/missing/model.hef', device('4.23.0'))).toBeUndefined()
  })

  test('verdictForDevice judges a read HEF on what device.info() reports, or says nothing without a HailoRT version', async () => {
    const info = await readHef(ARCFACE)
    expect(verdictForDevice(info, device('4.19.0', { architecture: 'Hailo-8L' }))?.level).toBe('refused')
    expect(verdictForDevice(info, device('4.19.0'))?.level).toBe('validated')
    expect(verdictForDevice(info, device(undefined))).toBeUndefined()
  })

  test('normalizes the architecture spellings devices report', () => {
    expect(normalizeArchitecture('Hailo-8L')).toBe('HAILO8L')
    expect(normalizeArchitecture('HAILO_ARCH_HAILO8')).toBe('HAILO8')
  })
})
