/**
 * The arbitraries work with `@fast-check/vitest`'s `test.prop` as well as with plain `fc.assert`, and the
 * `vitest-hailo/fuzz` entry never loads `@fast-check/vitest` (importing it costs seconds per worker).
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fc, test } from '@fast-check/vitest'
import { afterAll, describe, expect } from 'vitest'
import { matmulModel } from '../../test/support/onnx/index.js'
import { openDevice } from '../device/open.js'
import { frameSchedule } from './arbitraries/frame-schedule.js'
import { inputDescription, materialize } from './arbitraries/input-description.js'
import { repeatable } from './properties/repeatable.js'

const device = await openDevice('emulator')
const model = await device.load(matmulModel({ inFeatures: 8, outFeatures: 6, seed: 5 }).bytes)
afterAll(() => device.dispose())

describe('with @fast-check/vitest', () => {
  test.prop([inputDescription(model), frameSchedule(2)], { numRuns: 10, seed: 5 })(
    'a generated input gives the declared outputs in any schedule',
    async (input, schedule) => {
      const tensors = materialize(model.inputs, input)
      for (const _ of schedule) expect(Object.keys(await model.infer(tensors))).toEqual(['y'])
    },
  )
})

describe('with plain fast-check', () => {
  test('a ready-made property runs under fc.assert', async () => {
    await fc.assert(repeatable(model), { numRuns: 10, seed: 5 })
  })

  test('no module behind vitest-hailo/fuzz imports @fast-check/vitest', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
      )
    const sources = [...files('src/fuzz'), 'src/entry/fuzz.ts'].filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
    )
    expect(sources.length).toBeGreaterThan(10)
    const importing = sources.filter((f) => /from ['"]@fast-check\/vitest['"]/.test(readFileSync(f, 'utf8')))
    expect(importing).toEqual([])
  })
})
