import { describe, expect, expectTypeOf, test } from 'vitest'
import type { InferableModel } from '../src/device/types.js'
import './index.js'

declare const model: InferableModel

describe('toSurviveFuzzing types', () => {
  test('is async, with or without options, and under .not', () => {
    expectTypeOf(expect(model).toSurviveFuzzing()).toEqualTypeOf<Promise<void>>()
    expectTypeOf(expect(model).not.toSurviveFuzzing({ numRuns: 10 })).toEqualTypeOf<Promise<void>>()
  })
  test('options are checked: property names, numbers, the token, bases, reference and tolerance', () => {
    void expect(model).toSurviveFuzzing({
      properties: ['frame-order', 'format-paths'],
      numRuns: 200,
      timeBudgetMs: 60_000,
      seed: 7,
    })
    void expect(model).toSurviveFuzzing({ replay: 'eyJ2IjoxfQ', signal: AbortSignal.timeout(1000) })
    void expect(model).toSurviveFuzzing({
      properties: ['parity'],
      inputs: 'images/',
      reference: 'model.onnx',
      tolerance: { top1: true },
      image: { resize: 'cv2-bilinear' },
    })
    // @ts-expect-error an unknown property name
    void expect(model).toSurviveFuzzing({ properties: ['frame-orders'] })
    // @ts-expect-error numRuns is a number
    void expect(model).toSurviveFuzzing({ numRuns: '50' })
    // @ts-expect-error unknown option
    void expect(model).toSurviveFuzzing({ numruns: 50 })
    // @ts-expect-error unknown tolerance key
    void expect(model).toSurviveFuzzing({ tolerance: { atoll: 1 } })
    // @ts-expect-error a record by input name is one base: input
    void expect(model).toSurviveFuzzing({ inputs: { image: 'cat.png' } })
  })
})
