import { writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { UsageError } from '../src/errors.js'
import { ARCFACE_HEF, CHIP_HEF_ENV, chipHef, isHailo8L } from './chip-device.js'

// Which HEF the chip tests load on which chip (no chip needed).
describe('chipHef', () => {
  it('a Hailo-8 runs the bundled arcface HEF and checks it against golden.json', () => {
    expect(chipHef('Hailo-8', {})).toEqual({ path: ARCFACE_HEF, golden: true })
  })
  it(`a Hailo-8L with no ${CHIP_HEF_ENV} fails (never skips), saying arcface is for Hailo-8 and what to set`, () => {
    expect(() => chipHef('Hailo-8L', {})).toThrow(UsageError)
    expect(() => chipHef('Hailo-8L', {})).toThrow(
      new RegExp(`compiled for Hailo-8, which a Hailo-8L refuses[\\s\\S]*set ${CHIP_HEF_ENV}=`),
    )
  })
  it(`the HEF named in ${CHIP_HEF_ENV} wins on any chip; a name that does not exist fails with the path`, () => {
    const hef = join(mkdtempSync(join(tmpdir(), 'chip-hef-')), 'model.hef')
    writeFileSync(hef, 'x')
    expect(chipHef('Hailo-8L', { [CHIP_HEF_ENV]: hef })).toEqual({ path: hef, golden: false })
    expect(chipHef('Hailo-8', { [CHIP_HEF_ENV]: hef })).toEqual({ path: hef, golden: false })
    expect(() => chipHef('Hailo-8L', { [CHIP_HEF_ENV]: '/missing/model.hef' })).toThrow(
      /no such file \(\/missing\/model\.hef\)/,
    )
  })
  it('tells a Hailo-8L from a Hailo-8', () => {
    expect([isHailo8L('Hailo-8L'), isHailo8L('HAILO8L'), isHailo8L('Hailo-8'), isHailo8L(undefined)]).toEqual([
      true,
      true,
      false,
      false,
    ])
  })
})
