import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import './index.js'
import { PAIRINGS_SOURCE } from '../src/hailort-compat/pairings.js'
import { describeReason } from '../src/hailort-compat/words.js'
import { HefRefusedError } from '../src/errors.js'
import { openDevice } from '../src/device/open.js'
import { ARCFACE, MNIST } from '../src/hef/test-support/make-hef.js'
import {
  ARCFACE_LIKE,
  doubleEnv,
  doubleLibrary,
  scratchDir,
  setEnv,
  writeModel,
  type DoubleControl,
} from '../src/device/backends/hailort/test-support/double.js'
import type { InferableModel } from '../src/device/types.js'

// The real arcface_mobilefacenet.hef (Dataflow Compiler 3.29.0, which Hailo validated with HailoRT 4.19) on the
// libhailort double reporting one HailoRT or another: the whole path from load to the failure message and
// summary.json. The double answers the real HEF with the arcface-like description.
const dir = scratchDir('likely-cause-')
const description = writeModel(dir, 'arcface-description.txt', ARCFACE_LIKE)
const doubles = {
  '4.19.0': doubleLibrary('4.19.0'),
  '4.21.0': doubleLibrary('4.21.0'),
  '4.23.0': doubleLibrary('4.23.0'),
}
let restore: (() => void) | undefined
let current: DoubleControl | undefined

/** Point the product at the double of `version` (its own chip file, locks and artifacts in `dir`). */
function useRuntime(version: keyof typeof doubles, extra: Record<string, string> = {}): DoubleControl {
  restore?.()
  current = doubles[version]
  restore = setEnv({
    ...doubleEnv(current, join(dir, version)),
    HAILORT_DOUBLE_HEF_DESCRIPTION: description,
    HAILORT_DOUBLE_ARCH: 'hailo8',
    VITEST_HAILO_ARTIFACTS: join(dir, 'artifacts', version),
    VITEST_HAILO_LOCK_TIMEOUT_MS: '2000',
    ...extra,
  })
  return current
}

beforeAll(() => useRuntime('4.21.0'))
afterEach(() => current?.setFaults(''))
afterAll(() => restore?.())

/** The message of a matcher that must fail. */
async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e as Error,
  )
  expect(error, 'the matcher passed').toBeInstanceOf(Error)
  return error!.message
}

/** The first line of the diagnosis: the one after "Received: …" and its blank line. */
function diagnosis(message: string): string {
  const lines = message.split('\n')
  const received = lines.findIndex((l) => l.startsWith('Received:'))
  return lines[received + 2]!
}

function summaryOf(message: string): {
  environment: { compatibility?: { level: string; hailort: string; sdkVersion: string; pairedHailort?: string } }
} {
  const folder = /^Artifacts: (.+?)(?: \(|$)/m.exec(message)![1]!
  return JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8'))
}

describe('the compiler/runtime pairing as the first likely cause (libhailort double)', () => {
  it('a HEF from Dataflow Compiler 3.29 on HailoRT 4.21: the determinism failure begins its diagnosis with the pairing, both versions and the source', async () => {
    const double = useRuntime('4.21.0')
    await using device = await openDevice('hailo')
    const model = await device.load(ARCFACE, { format: 'raw' })
    expect(model.compatibility).toMatchObject({
      level: 'unvalidated-pairing',
      hailort: '4.21.0',
      sdkVersion: '3.29.0',
      pairedHailort: '4.19.0',
      device: 'HAILO8',
    })
    double.setFaults('corrupt=random,seed=5')
    const message = await failure(expect(model).toBeDeterministicAcross(6, { seed: 1 }))
    const first = diagnosis(message)
    expect(first).toMatch(/^Likely cause: not a validated compiler\/runtime pairing\./)
    expect(first).toContain('Dataflow Compiler 3.29.0')
    expect(first).toContain('HailoRT 4.19.0')
    expect(first).toContain('HailoRT 4.21.0')
    expect(first).toContain(PAIRINGS_SOURCE)
    expect(message).toMatch(
      /^Device: .*hailort 4\.21\.0.*; HEF from Dataflow Compiler 3\.29\.0, validated with HailoRT 4\.19\.0, not 4\.21\.0$/m,
    )
    expect(summaryOf(message).environment.compatibility).toMatchObject({
      level: 'unvalidated-pairing',
      hailort: '4.21.0',
      sdkVersion: '3.29.0',
      pairedHailort: '4.19.0',
    })
  })

  it('the same HEF on HailoRT 4.19 (the validated pair): no likely-cause line, the verdict still in summary.json and on the Device line', async () => {
    const double = useRuntime('4.19.0')
    await using device = await openDevice('hailo')
    const model = await device.load(ARCFACE, { format: 'raw' })
    expect(model.compatibility?.level).toBe('validated')
    double.setFaults('corrupt=random,seed=5')
    const message = await failure(expect(model).toBeDeterministicAcross(6, { seed: 1 }))
    expect(message).not.toContain('Likely cause')
    expect(diagnosis(message)).toMatch(/^Distinct outputs/)
    expect(message).toMatch(
      /^Device: .*hailort 4\.19\.0.*; HEF from Dataflow Compiler 3\.29\.0, a validated pairing with HailoRT 4\.19\.0$/m,
    )
    expect(summaryOf(message).environment.compatibility).toMatchObject({
      level: 'validated',
      hailort: '4.19.0',
      reasons: [],
    })
  })

  it('the parity matcher names the pairing first too when it fails on the chip', async () => {
    useRuntime('4.21.0')
    await using device = await openDevice('hailo')
    const model = await device.load(ARCFACE)
    const zeros: InferableModel = {
      inputs: model.inputs,
      outputs: model.outputs,
      infer: async () => ({
        'arcface_mobilefacenet/fc1': { data: new Float32Array(512).fill(100), shape: [1, 512], dtype: 'float32' },
      }),
    }
    const message = await failure(expect(model).toMatchOnnxWithin(zeros, { tolerance: { atol: 0.01 }, seed: 3 }))
    expect(diagnosis(message)).toMatch(
      /^Likely cause: not a validated compiler\/runtime pairing\..*Dataflow Compiler 3\.29\.0.*HailoRT 4\.19\.0.*HailoRT 4\.21\.0/,
    )
  })

  it("a HEF we predict HailoRT refuses, and HailoRT refuses it (status 92): HefRefusedError with HailoRT's status and our reason, every handle released", async () => {
    const double = useRuntime('4.23.0')
    await using device = await openDevice('hailo')
    double.setFaults('fail=hailo_create_hef_file:92')
    const error = await device.load(MNIST).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(HefRefusedError)
    const refused = error as HefRefusedError
    expect(refused.runtime).toEqual({
      operation: 'hailo_create_hef_file',
      status: 92,
      statusName: 'HAILO_HEF_NOT_SUPPORTED',
    })
    expect(refused.message).toMatch(
      /will not load on HailoRT 4\.23\.0 on a HAILO8: HailoRT refused it \(hailo_create_hef_file returned status 92, HAILO_HEF_NOT_SUPPORTED\)\.\nPredicted by the compatibility table:\n- the HEF has the periph_calculation_in_hailort feature disabled/,
    )
    expect(refused.message).toMatch(/Recompile the HEF/)
    expect(double.calls('hailo_create_hef_file')).toBe(1)
    expect(double.live('hef')).toBe(0)
    expect(double.liveHandles()).toBe(1) // the vdevice only
  })

  it('a HEF we predict HailoRT refuses but HailoRT loads: it loads, and its verdict records the disagreement (please report), never validated', async () => {
    const double = useRuntime('4.23.0')
    {
      await using device = await openDevice('hailo')
      const model = await device.load(MNIST, { format: 'raw' })
      expect(double.calls('hailo_create_hef_file')).toBe(1)
      expect(model.compatibility?.level).toBe('unvalidated-pairing')
      expect(model.compatibility?.disagreement?.predicted.map((r) => r.code)).toEqual(['periph-calculation-missing'])
      expect(model.compatibility?.reasons[0]).toMatchObject({ code: 'prediction-disagrees' })
      expect(describeReason(model.compatibility!.reasons[0]!)).toMatch(
        /predicted refusal by HailoRT 4\.23\.0 \(periph-calculation-missing\), but it loaded: please report/,
      )
      double.setFaults('corrupt=random,seed=5')
      const message = await failure(expect(model).toBeDeterministicAcross(6, { seed: 1 }))
      expect(diagnosis(message)).toMatch(
        /^Likely cause: not a validated compiler\/runtime pairing: our compatibility table predicted HailoRT 4\.23\.0 would refuse this HEF .*but it loaded; please report it/,
      )
      expect(message).toMatch(
        /^Device: .*; HEF from Dataflow Compiler .*, loaded although our table predicted refusal by HailoRT 4\.23\.0 \(please report\)$/m,
      )
      expect(summaryOf(message).environment.compatibility).toMatchObject({
        level: 'unvalidated-pairing',
        hailort: '4.23.0',
      })
    }
    expect(double.liveHandles()).toBe(0)
  })

  it('a Hailo-8 HEF on a Hailo-8L chip: HailoRT is asked; its refusal at configure (status 26 on 4.19) fails the load naming both architectures, handles released', async () => {
    const double = useRuntime('4.19.0', { HAILORT_DOUBLE_ARCH: 'hailo8l' })
    await using device = await openDevice('hailo')
    const error = await device.load(ARCFACE).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(HefRefusedError)
    expect((error as HefRefusedError).runtime).toMatchObject({ operation: 'hailo_configure_vdevice', status: 26 })
    expect((error as HefRefusedError).verdict.reasons[0]).toMatchObject({
      code: 'architecture',
      status: { number: 26, name: 'HAILO_INVALID_HEF' },
    })
    expect((error as Error).message).toMatch(/compiled for HAILO8 .* but the device is a HAILO8L/)
    expect(double.calls('hailo_create_hef_file')).toBe(1)
    expect(double.live('hef')).toBe(0)
  })

  it("a model the HEF reader does not judge (the double's own description) loads without a verdict", async () => {
    useRuntime('4.21.0')
    await using device = await openDevice('hailo')
    const model = await device.load(description)
    expect(model.compatibility).toBeUndefined()
  })
})
