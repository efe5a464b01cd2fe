import { describe, expect, test } from 'vitest'
import type { TensorMap } from '../tensor/types.js'
import { OutputGroups } from './groups.js'
import { classifyPattern } from './pattern.js'

const out = (...v: number[]): TensorMap => ({ y: { data: Float32Array.from(v), shape: [v.length], dtype: 'float32' } })

/** Feed a sequence of outputs (by value) and classify, as the engine does. */
function patternOf(values: number[][], options: { interleavedBy?: number[]; maxExemplars?: number } = {}) {
  const groups = new OutputGroups(['y'], options.maxExemplars ?? 4)
  values.forEach((v, i) => {
    const prev = options.interleavedBy?.[i] ?? -1
    groups.observe(i + 1, out(...v), prev, prev >= 0 ? out(-100 - prev) : undefined)
  })
  const other = groups.otherRuns()
  const counts = groups.groups.map((g) => g.runs.count)
  return classifyPattern({
    runs: values.length,
    distinctOutputs: groups.groups.length + (other?.distinctBytes ?? 0),
    runsLikeFirst: counts[0]!,
    majorityCount: Math.max(...counts, other?.largestCount ?? 0),
    interleaved: options.interleavedBy !== undefined,
    stats: groups.stats,
  })
}

describe('classifyPattern over streamed runs', () => {
  test('deterministic: one output', () => {
    expect(patternOf([[1], [1], [1], [1]])).toBe('deterministic')
  })
  test('first-run-only: run 1 differs, the rest agree', () => {
    expect(patternOf([[0], [1], [1], [1], [1]])).toBe('first-run-only')
  })
  test('alternating: two outputs taking turns', () => {
    expect(patternOf([[1], [2], [1], [2], [1], [2]])).toBe('alternating')
  })
  test('random: every run distinct, no trend', () => {
    expect(patternOf([[5], [1], [9], [2], [8], [3], [7]])).toBe('random')
  })
  test('random: stays random past the exemplars kept (counted by hash)', () => {
    expect(
      patternOf(
        Array.from({ length: 30 }, (_, i) => [Math.sin(i * 7.3) * 100]),
        { maxExemplars: 2 },
      ),
    ).toBe('random')
  })
  test('drift: each new output further from run 1, never coming back', () => {
    expect(patternOf([[0], [0], [0.1], [0.1], [0.2], [0.3], [0.3], [0.5], [0.8]])).toBe('drift')
  })
  test('sporadic: rare differences from one output', () => {
    const runs = Array.from({ length: 20 }, (_, i) => (i === 6 || i === 13 ? [2] : [1]))
    expect(patternOf(runs)).toBe('sporadic')
  })
  test('mixed: several outputs with no shape', () => {
    expect(patternOf([[1], [2], [2], [1], [3], [1], [2], [3], [3], [1]])).toBe('mixed')
  })
  test('depends-on-previous-input: the output is a function of the input interleaved before it', () => {
    // Interleaved inputs 0,1,0,1…; the output follows them, not the (constant) input under test.
    const prev = [0, 1, 0, 1, 0, 1]
    expect(
      patternOf(
        prev.map((p) => [10 + p]),
        { interleavedBy: prev },
      ),
    ).toBe('depends-on-previous-input')
  })
  test("depends-on-previous-input: an echo of the interleaved run's output", () => {
    expect(patternOf([[-100], [-101], [-100]], { interleavedBy: [0, 1, 0] })).toBe('depends-on-previous-input')
  })
  test('too few runs to name noise: 2 or 3 runs that all differ are mixed, 4 are random', () => {
    expect(patternOf([[1], [2]])).toBe('mixed')
    expect(patternOf([[5], [1], [9]])).toBe('mixed')
    expect(patternOf([[5], [1], [9], [2]])).toBe('random')
  })
  test('one run is deterministic; two or three runs keep their shapes where they have one', () => {
    expect(patternOf([[1]])).toBe('deterministic')
    expect(patternOf([[1], [1]])).toBe('deterministic')
    expect(patternOf([[0], [1], [1]])).toBe('first-run-only')
    expect(patternOf([[1], [1], [2]])).toBe('mixed')
  })
  test('random stays random with interleaving', () => {
    expect(patternOf([[5], [1], [9], [2], [8], [3]], { interleavedBy: [0, 1, 0, 1, 0, 1] })).toBe('random')
  })
})

describe('OutputGroups', () => {
  test('keeps at most maxExemplars outputs and counts the rest', () => {
    const g = new OutputGroups(['y'], 2)
    for (let i = 1; i <= 10; i++) g.observe(i, out(i % 5))
    expect(g.groups).toHaveLength(2)
    expect(g.otherRuns()).toMatchObject({ distinctBytes: 3, runs: { count: 6 } })
  })
  test('owns its exemplars even when the backend reuses one buffer', () => {
    const shared = out(1)
    const g = new OutputGroups(['y'], 4)
    g.observe(1, shared)
    ;(shared.y!.data as Float32Array)[0] = 2
    g.observe(2, shared)
    expect(g.groups).toHaveLength(2)
    expect(g.stats.firstDivergentRun).toBe(2)
  })
  test('joins a group within a tolerance when given one', () => {
    const g = new OutputGroups(['y'], 4, (a, b) => Math.abs((a.y!.data[0] as number) - (b.y!.data[0] as number)) <= 0.1)
    for (const [i, v] of [1, 1.05, 0.95, 2].entries()) g.observe(i + 1, out(v))
    expect(g.groups.map((x) => x.runs.count)).toEqual([3, 1])
  })
})
