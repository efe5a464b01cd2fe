import { describe, expect, test } from 'vitest'
import { compareOutputs } from '../../src/compare/compare-outputs.js'
import { classifyOutput } from '../../src/determinism/classifier.js'
import type { FuzzFailure, FuzzPropertyOutcome, FuzzResult } from '../../src/fuzz/types.js'
import type { Tensor } from '../../src/tensor/types.js'
import { failureTensors } from '../fuzz-artifacts.js'
import { fuzzMessage } from './fuzz-message.js'
import { formatCounterexample, formatFuzzSummary } from './fuzz.js'
import type { MessageState } from './message.js'

// The fuzz message from hand-made engine results: every fact in its place, whatever the engine found.
const plainState = (isNot = false): MessageState => ({
  isNot,
  utils: {
    matcherHint: (name, received = 'received', expected = '', o = {}) =>
      `expect(${received})${o.isNot ? '.not' : ''}${name}(${expected})`,
    printExpected: (v) => JSON.stringify(v),
    printReceived: (v) => JSON.stringify(v),
  },
})

const logits = (values: number[]): Tensor => ({
  data: Float32Array.from(values),
  shape: [1, values.length],
  dtype: 'float32',
})
const inSchedule = { logits: logits([0.1, 0.2, 3.5, 0.4]) }
const alone = { logits: logits([2.9, 0.2, 0.3, 0.4]) }
const counterexample = {
  schedule: [1, 0],
  frames: [
    { kind: 'constant', value: 0 },
    { kind: 'uniform', seed: 3, range: [0, 255] },
  ],
}
const TOKEN = 'eyJ2IjoxLCJwIjoiZnJhbWUtb3JkZXIiLCJzIjo0MiwicGF0aCI6IjY6MDowIn0'

const failure: FuzzFailure = {
  property: 'frame-order',
  counterexample,
  casesRun: 7,
  shrinkSteps: 4,
  token: TOKEN,
  seed: 42,
  path: '6:0:0',
  inputs: {
    'frame 1': { x: { data: new Uint8Array(4), shape: [1, 4], dtype: 'uint8' } },
    'frame 2': { x: { data: new Uint8Array(4).fill(9), shape: [1, 4], dtype: 'uint8' } },
  },
  outputs: { 'in schedule': inSchedule, alone },
  difference: {
    between: ['in schedule', 'alone'],
    comparison: compareOutputs(inSchedule, alone),
    classes: {
      'in schedule': { logits: classifyOutput(inSchedule.logits)! },
      alone: { logits: classifyOutput(alone.logits)! },
    },
  },
}
const outcome = (
  name: FuzzPropertyOutcome['name'],
  status: FuzzPropertyOutcome['status'],
  casesRun: number,
  extra: Partial<FuzzPropertyOutcome> = {},
): FuzzPropertyOutcome => ({
  name,
  status,
  casesRun,
  budgetExhausted: false,
  ...extra,
})
const failed: FuzzResult = {
  passed: false,
  seed: 42,
  numRuns: 50,
  fingerprint: 'abc',
  replayed: false,
  properties: [
    outcome('repeatable', 'passed', 50),
    outcome('frame-order', 'failed', 7),
    outcome('format-paths', 'not-applicable', 0, { reason: 'the onnx device has one format path' }),
    outcome('parity', 'not-applicable', 0, { reason: 'not requested' }),
  ],
  failure,
}
const facts = {
  withOptions: true,
  generatedFrom: "the model's declared inputs",
  named: {},
  artifacts: { folder: '.vitest-hailo/artifacts/a.test.ts/fuzz', contents: 'x' },
}

describe('the fuzz failure message', () => {
  const message = fuzzMessage(plainState(), { result: failed, ...facts })
  const lines = message.split('\n')

  test('opens like the other matchers: hint, Expected, Received (the property, the case, the shrinking)', () => {
    expect(lines.slice(0, 4)).toEqual([
      'expect(model).toSurviveFuzzing(options)',
      '',
      'Expected: "repeatable, frame-order to hold over 50 cases each"',
      'Received: "frame-order failed on case 7 of 50 (shrunk in 4 steps)"',
    ])
  })

  test('gives the shrunk counterexample as data that parses back to what the engine found', () => {
    const start = lines.indexOf('Counterexample (shrunk; paste it back as data):') + 1
    const end = lines.findIndex((l, i) => i >= start && !l.startsWith('  '))
    expect(JSON.parse(lines.slice(start, end).join('\n'))).toEqual(counterexample)
    expect(message).toContain(
      '\nProperty: frame-order (any schedule of frames gives, for each frame, the output that frame gives alone)\n',
    )
    expect(message).toContain('\nCases run: 7 of 50; shrink steps: 4\n')
  })

  test('says what differed in the words of the other matchers, with both sides named, and the classes', () => {
    expect(message).toContain(
      '\nWhat differed: in schedule vs alone\nOutput "logits":\n  Mismatched elements: 2 / 4 (50.0 %), not exactly equal\n',
    )
    expect(message).toContain('  Greatest absolute difference: 3.2 at logits[0, 2] (in schedule 3.5, alone 0.3)\n')
    expect(message).toContain(
      '  Top-1: class 2 (in schedule) vs class 0 (alone); class 0 ranks #4 in the in schedule output\n',
    )
    expect(message).toMatch(
      /\nClasses:\n {2}in schedule: +class 2 at 89\.7 %\n {2}alone: +class 0 at 81\.7 %\nConfidence: softmax of logits/,
    )
    expect(message).toContain(
      '\nProperties: repeatable held over 50 cases; frame-order FAILED after 7 cases; format-paths skipped (the onnx device has one format path)\n',
    )
  })

  test('ends with the Input line, then seed, one Replay line with the token, and the artifacts', () => {
    const input = lines.findIndex((l) => l.startsWith('Input: '))
    expect(lines.slice(input)).toEqual([
      "Input: generated from the model's declared inputs",
      '',
      'Seed: 42 (drove the generated cases; replay with VITEST_HAILO_SEED=42)',
      `Replay: VITEST_HAILO_REPLAY=${TOKEN}`,
      'Artifacts: .vitest-hailo/artifacts/a.test.ts/fuzz (x)',
    ])
    expect(lines.filter((l) => l.includes('VITEST_HAILO_REPLAY='))).toHaveLength(1)
  })
})

describe('other outcomes', () => {
  test('.not that every property survived says how many cases held, with no token', () => {
    const passed: FuzzResult = {
      ...failed,
      passed: true,
      failure: undefined as never,
      properties: [outcome('repeatable', 'passed', 50), outcome('frame-order', 'passed', 50)],
    }
    delete (passed as { failure?: unknown }).failure
    const message = fuzzMessage(plainState(true), { ...facts, result: passed, withOptions: false })
    expect(message.split('\n').slice(0, 5)).toEqual([
      'expect(model).not.toSurviveFuzzing()',
      '',
      'expected model not to survive fuzzing, but all 2 properties held over 50 cases each',
      '',
      'Expected: "some property to fail within 50 cases: repeatable, frame-order"',
    ])
    expect(message).not.toContain('Replay:')
  })

  // The sum ("all 3 properties held over 15 cases" after numRuns 5) read as 15 cases of every property.
  test('properties that ran different numbers of cases say the range each held over', () => {
    const passed: FuzzResult = {
      ...failed,
      passed: true,
      failure: undefined as never,
      properties: [outcome('repeatable', 'passed', 5), outcome('frame-order', 'passed', 2)],
    }
    delete (passed as { failure?: unknown }).failure
    expect(formatFuzzSummary(passed)).toBe('all 2 properties held over 2–5 cases each')
  })

  test('an encoding wrongly accepted is said plainly, and a spent time budget is counted', () => {
    const refusal: FuzzResult = {
      ...failed,
      properties: [outcome('encodings', 'failed', 3, { budgetExhausted: true })],
      failure: {
        ...failure,
        property: 'encodings',
        casesRun: 3,
        shrinkSteps: 0,
        difference: undefined as never,
        refusal: { encoding: 'float32 0–1 into uint8', expected: 'refused' },
      },
    }
    delete (refusal.failure as { difference?: unknown }).difference
    const message = fuzzMessage(plainState(), { ...facts, result: refusal, timeBudgetMs: 2000 })
    // One property: no 'each' (there is nothing for it to distribute over).
    expect(message).toContain('Expected: "encodings to hold over 50 cases (or until 2 s is spent)"')
    expect(message).toContain('Received: "encodings failed on case 3 of 50 (not shrunk further)"')
    expect(message).toContain('\nCases run: 3 of 50, time budget spent; shrink steps: 0\n')
    expect(message).toContain(
      '\nEncoding float32 0–1 into uint8: expected a named UsageError refusing it, but it was accepted\n',
    )
  })

  test('an encodings difference says which of its checks failed beside the two sides', () => {
    const claim = 'the device does not match its float reference on the same pixels'
    const result: FuzzResult = {
      ...failed,
      properties: [outcome('encodings', 'failed', 7)],
      failure: {
        ...failure,
        property: 'encodings',
        difference: { ...failure.difference!, between: ['uint8', 'reference'], claim },
      },
    }
    const message = fuzzMessage(plainState(), { ...facts, result })
    expect(message).toContain(`\nWhat differed: uint8 vs reference (${claim})\nOutput "logits":\n`)
  })

  test('a property the time budget left no time for is skipped, saying so, and the budget is named', () => {
    const { failure: _none, ...rest } = failed
    const result: FuzzResult = {
      ...rest,
      passed: true,
      properties: [
        outcome('repeatable', 'passed', 50),
        outcome('frame-order', 'not-applicable', 0, {
          budgetExhausted: true,
          reason: 'not run: the time budget was spent before it started',
        }),
      ],
    }
    const message = fuzzMessage(plainState(true), { ...facts, result, timeBudgetMs: 2000 })
    expect(message).toContain('Received: "repeatable held over 50 cases (the time budget ran out first)"')
    expect(message).toContain('frame-order skipped (not run: the time budget was spent before it started)')
  })

  test('a property whose device refused some cases says how many it compared', () => {
    const result: FuzzResult = {
      ...failed,
      properties: [outcome('repeatable', 'passed', 50), outcome('format-paths', 'passed', 50, { casesCompared: 47 })],
      failure: { ...failure, property: 'repeatable' },
    }
    const message = fuzzMessage(plainState(), { ...facts, result })
    expect(message).toContain(
      '\nProperties: repeatable held over 50 cases; format-paths held over 50 cases (47 compared, 3 refused by the device)\n',
    )
  })

  test('a replay counts the replayed case, never "case 2 of 1", and says whether it failed again', () => {
    const replayed: FuzzResult = {
      ...failed,
      numRuns: 1,
      replayed: true,
      replay: { property: 'frame-order', reproduced: true },
      properties: [outcome('frame-order', 'failed', 1)],
      failure: { ...failure, casesRun: 1, shrinkSteps: 2 },
    }
    const message = fuzzMessage(plainState(), { ...facts, result: replayed })
    expect(message).toContain('Received: "frame-order failed on the replayed case (shrunk in 2 steps)"')
    expect(message).toContain("\nCases run: the replay token's case only; shrink steps: 2\n")
    expect(message).toContain("\nReplayed: the token's case of frame-order ran first and failed again\n")
    expect(message).not.toMatch(/case \d+ of 1\b/)
  })

  test('a replay whose case held says plainly that the failure did not reproduce', () => {
    const held: FuzzResult = {
      ...failed,
      passed: true,
      replayed: true,
      replay: { property: 'repeatable', reproduced: false },
      properties: [outcome('repeatable', 'passed', 1)],
      failure: undefined as never,
    }
    delete (held as { failure?: unknown }).failure
    const message = fuzzMessage(plainState(true), { ...facts, result: held })
    expect(message).toContain('but repeatable held over 1 case; the replayed case of repeatable did not fail again')
    expect(message).toContain("\nReplayed: the token's case of repeatable held — the failure did NOT reproduce")
  })

  test('a long counterexample is indented one key per line, still valid JSON', () => {
    const long = { frames: Array.from({ length: 8 }, (_, i) => ({ kind: 'uniform', seed: i, range: [0, 255] })) }
    const text = formatCounterexample(long)
    expect(text.split('\n').length).toBeGreaterThan(8)
    expect(JSON.parse(text)).toEqual(long)
  })
})

test('artifact names carry the label and the tensor name, with no spaces', () => {
  expect(Object.keys(failureTensors(failure)).sort()).toEqual([
    'input.frame-1.x',
    'input.frame-2.x',
    'output.alone.logits',
    'output.in-schedule.logits',
  ])
})
