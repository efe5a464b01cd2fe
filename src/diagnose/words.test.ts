import { describe, expect, test } from 'vitest'
import type { Cause, CauseCode, Diagnosis } from './types.js'
import { describeCause, formatDiagnosis } from './words.js'

const FACTS: Record<CauseCode, Cause['facts']> = {
  'output-follows-previous-input': { changes: 3, stale: 3, calls: [3, 5, 7] },
  'first-run-differs': { call: 0 },
  'not-repeatable': { pairs: 3, differing: 1, calls: ['1/2'] },
  'normalization-missing': { bestSnrDb: 11.5, onceSnrDb: -2.5, mean: [123.675], std: [58.395] },
  'normalization-twice': { bestSnrDb: 21.5, onceSnrDb: 0.5, mean: [1], std: [2] },
  'format-path-broken': { input: 'images', understood: [], castToIntegers: true, bestSnrDb: -7.6 },
  'input-encoding-not-understood': {
    input: 'images',
    understood: ['float 0–255'],
    castToIntegers: true,
    given: 'float 0–1',
  },
  'float-input-cast-to-integers': { input: 'images', understood: ['float 0–255'], castToIntegers: true },
  'outputs-not-dequantized': { output: 'logits', scale: 0.1, zeroPoint: 128, closerDb: 38.2 },
  'outputs-dequantized-wrongly': { output: 'boxes', gain: 2.01, offset: 0.03, r2: 0.999 },
}

describe('describeCause', () => {
  test.each(Object.keys(FACTS) as CauseCode[])('says %s with its numbers and a fix', (code) => {
    const words = describeCause({ code, probe: 'format', confidence: 'likely', facts: FACTS[code] })
    for (const part of [words.headline, words.evidence, words.fix]) {
      expect(part).toMatch(/\S/)
      expect(part).not.toMatch(/undefined|NaN|\[object/)
    }
    // Every number the probe measured reaches the reader.
    const numbers = Object.values(FACTS[code])
      .flat()
      .filter((v) => typeof v === 'number')
    for (const n of numbers) expect(`${words.evidence} ${words.fix}`).toContain(String(n))
  })
})

describe('formatDiagnosis', () => {
  test('ranks causes, lists what each probe did and ends with the seed', () => {
    const d: Diagnosis = {
      causes: [
        {
          code: 'normalization-missing',
          probe: 'normalization',
          confidence: 'strong',
          facts: FACTS['normalization-missing'],
        },
        {
          code: 'float-input-cast-to-integers',
          probe: 'format',
          confidence: 'likely',
          facts: FACTS['float-input-cast-to-integers'],
        },
      ],
      probes: [
        { probe: 'previous-frame', status: 'ran', inferences: 9 },
        {
          probe: 'normalization',
          status: 'ran',
          inferences: 8,
          normalization: [
            { times: 0, snrDb: 11.5 },
            { times: 1, snrDb: -2.5 },
            { times: 2, snrDb: -3 },
          ],
        },
        { probe: 'quantization', status: 'not-applicable', reason: 'it needs the reference model' },
      ],
      seed: 42,
      normalizationSource: 'model.alls (line 1)',
    }
    const text = formatDiagnosis(d)
    expect(text.split('\n')[0]).toBe('1. [strong] The input is not normalized: the network sees raw pixel values.')
    expect(text).toContain('2. [likely] Float input "images" is cast to integers')
    expect(text).toContain('  normalization: 8 inferences — 0× 11.5 dB, 1× -2.5 dB, 2× -3.0 dB')
    expect(text).toContain('  quantization: not run — it needs the reference model')
    expect(text).toContain('Normalization from model.alls (line 1).')
    expect(text.split('\n').at(-1)).toBe('Seed: 42 (probe images; rerun with seed: 42).')
  })
  test('says so when nothing was found', () => {
    expect(formatDiagnosis({ causes: [], probes: [], seed: 1 }).split('\n')[0]).toBe('No probe found an input mistake.')
  })
})
