import { describe, expect, it } from 'vitest'
import { NativeCallError } from '../../../../errors.js'
import { readLayoutTable } from '../test-support/layout-table.js'
import {
  FORMER_NAMES,
  STATUS_HINTS,
  STATUS_NAMES,
  checkStatus,
  statusAddedIn,
  statusError,
  statusName,
} from './status.js'

const table = readLayoutTable()

describe('status names', () => {
  it('names 0–93 exactly as the 4.23 header does', () => {
    const real = table.versions['4.23.0']!.statuses
    expect(STATUS_NAMES).toHaveLength(94)
    STATUS_NAMES.forEach((name, i) => expect(name).toBe(real[String(i)]))
  })

  it('agrees with every older header up to its own count, modulo the two renames', () => {
    for (const [version, layout] of Object.entries(table.versions)) {
      for (const [num, name] of Object.entries(layout.statuses)) {
        expect([STATUS_NAMES[Number(num)], FORMER_NAMES[Number(num)]], `${version} #${num}`).toContain(name)
      }
    }
  })

  it('knows which release added 85–90 and 91–93', () => {
    expect(Object.keys(table.versions['4.19.0']!.statuses)).toHaveLength(85)
    expect(Object.keys(table.versions['4.20.0']!.statuses)).toHaveLength(91)
    expect(statusAddedIn(85)).toBe('4.20')
    expect(statusAddedIn(90)).toBe('4.20')
    expect(statusAddedIn(91)).toBe('4.21')
    expect(statusAddedIn(93)).toBe('4.21')
    expect(statusAddedIn(74)).toBeUndefined()
  })

  it('names an unknown status without throwing', () => {
    expect(statusName(1234)).toMatch(/HAILO_STATUS_1234/)
  })
})

describe('statusError', () => {
  it('carries the status number, its name and the operation', () => {
    const e = statusError(74, 'hailo_create_vdevice', { libraryVersion: '4.23.0' })
    expect(e).toBeInstanceOf(NativeCallError)
    expect(e.status).toBe(74)
    expect(e.statusName).toBe('HAILO_OUT_OF_PHYSICAL_DEVICES')
    expect(e.operation).toBe('hailo_create_vdevice')
    expect(e.message).toMatch(/status 74 \(HAILO_OUT_OF_PHYSICAL_DEVICES\)/)
    expect(e.message).toMatch(/libhailort 4\.23\.0/)
    expect(e.message).toMatch(/lsof \/dev\/hailo0/)
  })

  it('has a hint for every status the issue lists', () => {
    // A hint is a sentence of advice (what to check or do), not a restated status name.
    for (const s of [74, 73, 64, 76, 85, 86, 87, 16, 75, 26, 91, 92, 93, 4, 13])
      expect(STATUS_HINTS[s], `hint for ${s}`).toMatch(/^[A-Z][^]{40,}\.$/)
    // A HEF for the wrong architecture is refused while configuring with 26 (≤ 4.20) or 93 (≥ 4.21), not 75:
    // 75 is a device whose architecture HailoRT does not know (device_internal.cpp at 4.18–4.23).
    for (const s of [26, 93])
      expect(statusError(s, 'hailo_configure_vdevice').message).toMatch(
        /Hailo-8L HEF runs on a Hailo-8, not the reverse/,
      )
    expect(statusError(75, 'hailo_create_vdevice').message).toMatch(/does not know the architecture the device reports/)
    expect(statusError(92, 'hailo_create_hef_file').message).toMatch(/Dataflow Compiler/)
  })

  it('mentions the former name of a renamed status', () => {
    expect(statusError(64, 'hailo_create_vdevice').message).toMatch(/formerly HAILO_PCIE_DRIVER_NOT_INSTALLED/)
  })

  it('notes a status that the reported library version should not know', () => {
    expect(statusError(92, 'hailo_create_hef_file', { libraryVersion: '4.19.0' }).message).toMatch(
      /only exists from HailoRT 4\.21/,
    )
  })

  it('checkStatus passes success and throws on failure', () => {
    expect(() => checkStatus(0, 'x')).not.toThrow()
    expect(() => checkStatus(4, 'hailo_vstream_read_raw_buffer')).toThrow(/HAILO_TIMEOUT/)
  })
})
