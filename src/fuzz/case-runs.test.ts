import * as fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { observeRuns } from './case-runs.js'

describe('observeRuns', () => {
  test('with no replay and no random faults, fast-check gets the property itself (nothing added per case)', () => {
    const property = fc.asyncProperty(fc.integer(), async (_n: number) => undefined)
    expect(observeRuns(property, { replay: false }).property).toBe(property)
  })

  test('calls beforeCase with each case before running it', async () => {
    const seen: number[] = []
    const ran: number[] = []
    const property = fc.asyncProperty(fc.integer({ min: 0, max: 9 }), async (n) => void ran.push(n))
    const observed = observeRuns(property, { replay: false, beforeCase: (n) => seen.push(n) })
    await fc.assert(observed.property, { numRuns: 5, seed: 1 })
    expect(seen).toEqual(ran)
    expect(seen).toHaveLength(5)
  })
})
