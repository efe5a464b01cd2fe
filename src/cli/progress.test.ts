import { describe, expect, test } from 'vitest'
import { drawProgress, openProgressLine, progressLine, REDRAW_MS } from './progress.js'

function clockedProgress(total: number) {
  let t = 0
  const writes: string[] = []
  const progress = drawProgress({ unit: 'runs', total, write: (s) => writes.push(s), now: () => t })
  return {
    progress,
    writes,
    advance: (ms: number) => {
      t += ms
    },
  }
}

describe('progress', () => {
  test('says runs done of n, the rate and the time left', () => {
    expect(progressLine('runs', 37, 50, 1000)).toBe('runs 37 of 50, 37.0/s, 0.4 s left')
    expect(progressLine('runs', 500, 1000, 2000)).toBe('runs 500 of 1000, 250/s, 2.0 s left')
    expect(progressLine('samples', 1, 200, 2000)).toBe('samples 1 of 200, 0.5/s, 6 min 38 s left')
  })

  test('redraws in place at most every REDRAW_MS, always draws the last unit, and erases itself', () => {
    const { progress, writes, advance } = clockedProgress(4)
    advance(REDRAW_MS)
    progress.tick() // first: drawn
    advance(REDRAW_MS / 2)
    progress.tick() // too soon: not drawn
    advance(REDRAW_MS / 2)
    progress.tick() // drawn
    advance(1)
    progress.tick() // the last: drawn even though soon
    progress.done()
    expect(writes).toEqual([
      '\r\x1b[Kruns 1 of 4, 10.0/s, 0.3 s left',
      '\r\x1b[Kruns 3 of 4, 15.0/s, 0.1 s left',
      '\r\x1b[Kruns 4 of 4, 19.9/s, 0.0 s left',
      '\r\x1b[K',
    ])
  })

  test('a progress that never drew erases nothing', () => {
    const { progress, writes } = clockedProgress(3)
    progress.done()
    expect(writes).toEqual([])
  })
})

describe('progress without a known total (fuzzing)', () => {
  test('says the count and the rate, and the time left of the budget when there is one', () => {
    expect(openProgressLine('inferences', 120, 2000, 60_000)).toBe('inferences 120, 60.0/s, at most 58.0 s left')
    expect(openProgressLine('inferences', 120, 2000)).toBe('inferences 120, 60.0/s')
    expect(openProgressLine('inferences', 9, 70_000, 60_000)).toBe('inferences 9, 0.1/s, at most 0.0 s left')
  })
})
