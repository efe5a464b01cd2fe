import * as fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidArgumentError } from '../../errors.js'
import { frameSchedule } from './frame-schedule.js'

describe('frameSchedule', () => {
  test('generates orders of frame indices with repeats, within the length bounds', () => {
    const schedules = fc.sample(frameSchedule(3, { minLength: 2, maxLength: 6 }), { numRuns: 200, seed: 1 })
    for (const s of schedules) {
      expect(s.length).toBeGreaterThanOrEqual(2)
      expect(s.length).toBeLessThanOrEqual(6)
      for (const k of s) expect([0, 1, 2]).toContain(k)
    }
    expect(schedules.some((s) => new Set(s).size < s.length)).toBe(true)
  })

  test('shrinks toward the shortest schedule of frame 0', () => {
    expect(
      fc.check(
        fc.property(frameSchedule(4), () => false),
        { seed: 2 },
      ).counterexample,
    ).toEqual([[0, 0]])
  })

  test.each([
    ['a count below 1', () => frameSchedule(0), /count/],
    ['an unknown key', () => frameSchedule(2, { maxLenght: 3 } as never), /maxLenght/],
    [
      'minLength above maxLength',
      () => frameSchedule(2, { minLength: 5, maxLength: 3 }),
      /minLength \(5\) must not exceed maxLength \(3\)/,
    ],
    ['a fractional maxLength', () => frameSchedule(2, { maxLength: 2.5 }), /maxLength/],
  ])('refuses %s', (_what, build, message) => {
    expect(build).toThrow(InvalidArgumentError)
    expect(build).toThrow(message)
  })
})
