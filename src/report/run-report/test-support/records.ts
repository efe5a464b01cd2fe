/**
 * Synthetic records for the report's tests: what matchers record, without running a model.
 * @packageDocumentation
 */
import type { TestCaseLike, TestModuleLike } from '../collect.js'
import { CHECKS_META_KEY, type HostIdentity, type RecordedCheck, type RecordedDevice } from '../types.js'

export const HOST: HostIdentity = { name: 'pi-a', cpuArch: 'arm64', platform: 'linux', node: 'v20.20.2' }

/** The run's context for `buildRunReport`: a project at `/work/project`, run on {@link HOST}. */
export const CONTEXT = {
  root: '/work/project',
  host: HOST,
  tool: { vitestHailo: '0.1.0', vitest: '4.1.12' },
  createdAt: '2026-12-05T15:10:00.000Z',
}

export const CHIP: RecordedDevice = {
  kind: 'hailo',
  spec: 'hailo:0001:01:00.0',
  description: 'Hailo-8 (fw 4.23.0) on 0001:01:00.0',
  versions: { hailort: '4.23.0', firmware: '4.23.0', driver: '4.23.0' },
  architecture: 'Hailo-8',
  serial: 'HLLWMB0214500123',
  temperatureC: 51.5,
  throttling: false,
}
export const EMULATOR: RecordedDevice = {
  kind: 'emulator',
  spec: 'emulator',
  description: 'Hailo emulator on ONNX Runtime',
  versions: { onnxruntime: '1.30.0' },
}

/** A determinism record: `classes[i]` is the top-1 of run i+1 (consecutive equal classes form one range). */
export function determinismRecord(classes: readonly number[], overrides: Partial<RecordedCheck> = {}): RecordedCheck {
  const groups = new Map<number, [number, number][]>()
  classes.forEach((cls, i) => {
    const ranges = groups.get(cls) ?? []
    const last = ranges[ranges.length - 1]
    if (last !== undefined && last[1] === i) last[1] = i + 1
    else ranges.push([i + 1, i + 1])
    groups.set(cls, ranges)
  })
  const held = groups.size === 1
  const outputs = [...groups].map(([cls, runs]) => ({
    digest: cls.toString(16).padStart(32, '0'),
    count: runs.reduce((n, [a, b]) => n + b - a + 1, 0),
    runs,
    top1: { output: 'logits', classIndex: cls, confidence: 0.3 + (cls % 7) / 10 },
  }))
  return {
    kind: 'determinism',
    matcher: 'toBeDeterministicAcross',
    negated: false,
    verdict: held ? 'pass' : 'fail',
    held,
    summary: held
      ? `${classes.length} runs, 1 distinct output`
      : `${groups.size} distinct outputs in ${classes.length} runs`,
    startedAt: '2026-12-05T15:00:00.000Z',
    model: { fingerprint: 'ab'.repeat(32), source: 'models/net.hef' },
    device: CHIP,
    inputs: [{ index: 0, label: 'images/cat.png', held, outputs }],
    seed: 7,
    timing: { totalMs: 120, runs: classes.length, medianMs: 2, p95Ms: 3 },
    determinism: {
      runs: classes.length,
      warmup: 0,
      distinctOutputs: groups.size,
      pattern: held ? 'deterministic' : 'random',
      perInput: [{ pattern: held ? 'deterministic' : 'random', distinctOutputs: groups.size }],
    },
    ...(held ? {} : { artifacts: '/work/project/.vitest-hailo/artifacts/test/x/y' }),
    ...overrides,
  }
}

/** A parity record with a histogram. */
export function parityRecord(overrides: Partial<RecordedCheck> = {}): RecordedCheck {
  return {
    kind: 'parity',
    matcher: 'toMatchOnnxWithin',
    negated: false,
    verdict: 'fail',
    held: false,
    summary: '1 of 2 outputs outside the tolerance: "logits"',
    startedAt: '2026-12-05T15:00:01.000Z',
    model: { fingerprint: 'cd'.repeat(32), source: 'models/net.hef', reference: 'models/net.onnx' },
    device: EMULATOR,
    inputs: [
      {
        index: 0,
        label: 'images/cat.png',
        held: false,
        outputs: [{ digest: 'f'.repeat(32), count: 1, runs: [[1, 1]] }],
      },
    ],
    timing: { totalMs: 40 },
    parity: {
      tolerance: { atol: 0.01 },
      sample: 0,
      outputs: [
        { name: 'logits', pass: false, maxAbsDiff: 0.05, mismatched: 67, elements: 67, cosine: 0.9991 },
        { name: 'probs', pass: true, maxAbsDiff: 0.001, mismatched: 0, elements: 67, cosine: 1 },
      ],
      histogram: {
        edges: [1e-4, 10 ** -3.5, 1e-3, 10 ** -2.5, 1e-2, 10 ** -1.5],
        counts: [3, 10, 40, 0, 67],
        zeros: 14,
        total: 134,
        max: 0.05,
        allowed: 0.01,
      },
    },
    ...overrides,
  }
}

/** A module of tests, each with the given records, as Vitest's TestModule looks to the report. */
export function moduleOf(
  moduleId: string,
  tests: readonly { name: string; state?: string; checks: readonly RecordedCheck[] }[],
): TestModuleLike {
  const cases: TestCaseLike[] = tests.map((t, i) => ({
    id: `${moduleId}_${i}`,
    fullName: t.name,
    meta: () => ({ [CHECKS_META_KEY]: JSON.parse(JSON.stringify(t.checks)) }),
    result: () => ({ state: t.state ?? (t.checks.some((c) => c.verdict === 'fail') ? 'failed' : 'passed') }),
  }))
  return { moduleId, children: { allTests: () => cases } }
}

/** A stages record: onnx → native → quantized (the emulator) → chip, the last step broken. */
export function stagesRecord(overrides: Partial<RecordedCheck> = {}): RecordedCheck {
  const step = (from: string, to: string, suspects: string, maxAbs: number, pass: boolean, approximation = false) => ({
    from,
    to,
    suspects,
    pass,
    approximation,
    maxAbs,
    maxSteps: maxAbs / 0.05,
    cosine: pass ? 0.99998 : 0.412,
    top1: { agreeing: pass ? 3 : 0, rows: 3 },
    failed: pass ? [] : [{ output: 'logits', criterion: 'top1', bound: 'min' as const, required: 1, measured: 0 }],
  })
  return {
    kind: 'stages',
    matcher: 'toMatchStagesWithin',
    negated: false,
    verdict: 'fail',
    held: false,
    summary: 'quantized → chip * breaks first (compilation, runtime or host format path)',
    startedAt: '2026-12-05T15:00:02.000Z',
    model: { fingerprint: 'ef'.repeat(32), source: 'models/net.hef', reference: 'onnx, native, quantized' },
    device: CHIP,
    inputs: ['images/cat.png', 'images/dog.png', 'images/sun.png'].map((label, index) => ({
      index,
      label,
      held: false,
      outputs: [{ digest: String(index).repeat(32), count: 1, runs: [[1, 1]] }],
    })),
    seed: 7,
    timing: { totalMs: 900 },
    artifacts: '/work/project/.vitest-hailo/artifacts/test/stages/x',
    stages: {
      tolerance: { top1: true },
      stages: ['onnx', 'native', 'quantized', 'chip'],
      steps: [
        step('onnx', 'native', 'parsing', 0.0001, true),
        step('native', 'quantized', 'quantization', 0.08, true, true),
        step('quantized', 'chip', 'compilation', 9.5, false, true),
      ],
      firstBroken: 2,
    },
    ...overrides,
  }
}

/** A failed fuzz record: frame-order, two 8×6 frames (a gradient and its inverse), logits 3 apart at one class. */
export function fuzzRecord(overrides: Partial<RecordedCheck> = {}): RecordedCheck {
  const frame = (label: string, invert: boolean) => {
    const pixels = Uint8Array.from({ length: 8 * 6 * 3 }, (_, i) => {
      const v = Math.floor(i / 3) * 5
      return invert ? 255 - v : v
    })
    return {
      label,
      input: 'input',
      shape: [1, 6, 8, 3],
      dtype: 'uint8',
      width: 8,
      height: 6,
      channels: 3 as const,
      pixels: Buffer.from(pixels).toString('base64'),
    }
  }
  return {
    kind: 'fuzz',
    matcher: 'toSurviveFuzzing',
    negated: false,
    verdict: 'fail',
    held: false,
    summary: 'frame-order failed after 4 cases (shrunk in 6 steps)',
    startedAt: '2026-12-05T15:00:03.000Z',
    model: { fingerprint: '12'.repeat(32), source: 'models/net.hef' },
    device: EMULATOR,
    inputs: [],
    seed: 11,
    timing: { totalMs: 2500 },
    fuzz: {
      numRuns: 30,
      property: 'frame-order',
      replay: 'eyJwIjoiZnJhbWUtb3JkZXIifQ',
      counterexample: { frames: [{ seed: 1 }, { seed: 2 }], schedule: [0, 1, 0] },
      previews: [frame('frame 1', false), frame('frame 2', true)],
      difference: {
        output: 'logits',
        between: ['position 3 (frame 1)', 'frame 1 alone'],
        elements: 67,
        bins: Array.from({ length: 64 }, (_, i) => (i === 40 ? 3 : i % 7 === 0 ? 0.5 : 0)),
        max: 3,
      },
    },
    ...overrides,
  }
}
