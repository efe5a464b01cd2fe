import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openDevice } from '../src/device/open.js'
import type { Device, LoadedModel } from '../src/device/types.js'
import './index.js'
import { failureOf, useArtifactsRoot } from './test-support/failures.js'

// Both matchers' failure messages side by side: the parts they share must have one shape.
const models = new URL('../examples/models/', import.meta.url).pathname
const images = new URL('../examples/images/', import.meta.url).pathname
const FLOAT = `${models}convnext-tiny.onnx`

useArtifactsRoot('vh-messages-')
let device: Device
let model: LoadedModel
beforeAll(async () => {
  device = await openDevice('faulty:first-run,seed=1,inner=onnx')
  model = await device.load(`${models}convnext-tiny-decomposed-ln.onnx`)
})
afterAll(async () => {
  await model.dispose()
  await device.dispose()
})

/** The shared skeleton: head (hint, blank, Expected, Received, blank) and tail (from the Input line on). */
function skeleton(message: string): { head: string[]; tail: string[] } {
  const lines = message.split('\n')
  const input = lines.findIndex((l) => l.startsWith('Input: '))
  const shape = (l: string): string =>
    l.replace(/^(expect\(model\)\.\w+|Expected|Received|Input|Device|Seed|Replay|Artifacts)[:(].*$/, '$1')
  return { head: lines.slice(0, 5).map(shape), tail: lines.slice(input).map(shape) }
}

describe('the two matchers speak with one shape', () => {
  test('hint, Expected / Received, then the body, the Input line, and the footer: device, seed (what it drove), artifacts', async () => {
    // A fresh model: its first inference is the faulty one, whichever test ran before.
    await using fresh = await device.load(`${models}convnext-tiny-decomposed-ln.onnx`)
    const determinism = await failureOf(
      expect(fresh).toBeDeterministicAcross(3, { input: `${images}sun.png`, seed: 5 }),
    )
    const parity = await failureOf(
      expect(model).toMatchOnnxWithin(FLOAT, { input: `${images}sun.png`, seed: 5, tolerance: { atol: 0 } }),
    )
    const expected = {
      head: [
        ['expect(model).toBeDeterministicAcross', 'expect(model).toMatchOnnxWithin'],
        '',
        'Expected',
        'Received',
        '',
      ],
      tail: ['Input', '', 'Device', 'Seed', 'Artifacts'],
    }
    for (const [message, hint] of [
      [determinism, 0],
      [parity, 1],
    ] as const) {
      const s = skeleton(message)
      expect(s.head).toEqual([expected.head[0]![hint], ...expected.head.slice(1)])
      expect(s.tail).toEqual(expected.tail)
    }
    // The same words for the same facts.
    for (const message of [determinism, parity]) {
      expect(message).toContain(
        `\nInput: examples/images/sun.png, loaded with image: { resize: 'sharp', kernel: 'lanczos3', fit: 'fill', channels: 'rgb', alpha: 'remove', background: [0, 0, 0] }\n`,
      )
      expect(message).toMatch(/\nDevice: faulty \(first-run, seed 1\) over ONNX Runtime/)
      expect(message).toContain('\nSeed: 5 (drove nothing: every input was given)\n')
      expect(message).toMatch(/\nArtifacts: .+ \(.+ as \.npy, summary\.json\)$/)
      expect(message).toMatch(
        /Greatest absolute difference: [\d.e-]+ at logits\[0, \d+\] \((#\d|model) -?[\d.e-]+, (#\d|reference) -?[\d.e-]+\)/,
      )
    }
  })

  test('over several samples both say "over N samples" and name the sample the artifacts hold', async () => {
    const samples = [`${images}sun.png`, `${images}rings.jpg`]
    // A fresh model: its first inference is the faulty one.
    await using fresh = await device.load(`${models}convnext-tiny-decomposed-ln.onnx`)
    const determinism = await failureOf(expect(fresh).toBeDeterministicAcross(2, { inputs: samples, seed: 5 }))
    const parity = await failureOf(
      expect(model).toMatchOnnxWithin(FLOAT, { inputs: samples, seed: 5, tolerance: { atol: 0 } }),
    )
    for (const message of [determinism, parity]) {
      expect(message).toMatch(/\nExpected: ".+ over 2 samples"\n/)
      expect(message).toContain(
        `\nInput: 2 samples, loaded with image: { resize: 'sharp', kernel: 'lanczos3', fit: 'fill', channels: 'rgb', alpha: 'remove', background: [0, 0, 0] }\n`,
      )
      expect(message).toMatch(/\nArtifacts: .+ of sample \d \(examples\/images\/\w+\.\w+\) as \.npy, summary\.json\)$/)
    }
  })
})

describe('the fuzz matcher speaks with the same shape', () => {
  test('hint, Expected / Received, body, Input line, then device, seed, the one Replay line and artifacts', async () => {
    await using chip = await openDevice('faulty:stale,inner=onnx')
    await using stale = await chip.load(`${models}convnext-tiny-uint8-nhwc.onnx`)
    const fuzz = await failureOf(expect(stale).toSurviveFuzzing({ properties: ['frame-order'], numRuns: 20, seed: 5 }))
    const s = skeleton(fuzz)
    expect(s.head).toEqual(['expect(model).toSurviveFuzzing', '', 'Expected', 'Received', ''])
    expect(s.tail).toEqual(['Input', '', 'Device', 'Seed', 'Replay', 'Artifacts'])
    expect(fuzz).toMatch(/\nDevice: faulty \(stale, seed \d+\) over ONNX Runtime/)
    expect(fuzz).toMatch(
      /Greatest absolute difference: [\d.e-]+ at (logits|probs)\[0, \d+\] \(.+ -?[\d.e-]+, .+ -?[\d.e-]+\)/,
    )
  })
})
