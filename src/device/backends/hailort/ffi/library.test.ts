import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { NativeLibraryError } from '../../../../errors.js'
import { doubleLibrary, scratchDir } from '../test-support/double.js'
import { loadHailort, systemCandidates } from './library.js'

describe('loadHailort', () => {
  const double419 = doubleLibrary('4.19.0')
  // Only ever refused in this file: a library that loaded is memoised by path, and would then be
  // handed back whatever version it is told to report (tests run in any order).
  const refused = doubleLibrary('4.22.0')
  afterEach(() => refused.setFaults(''))

  it('lists every path tried and what to install when the library is missing', () => {
    const dir = scratchDir()
    let error: unknown
    try {
      loadHailort({ env: {}, searchDirs: [join(dir, 'usr/lib'), join(dir, 'usr/local/lib')], useLoaderSearch: false })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(NativeLibraryError)
    const e = error as NativeLibraryError
    expect(e.triedPaths).toEqual([
      `${join(dir, 'usr/lib/libhailort.so')} (not found)`,
      `${join(dir, 'usr/local/lib/libhailort.so')} (not found)`,
    ])
    expect(e.message).toMatch(/sudo apt install hailo-all/)
    expect(e.message).toMatch(/HAILORT_LIB=/)
    // The same words reach the shell (`vitest-hailo check --device hailo`), where openDevice() means nothing.
    expect(e.message).toContain('--device emulator')
  })

  it('uses HAILORT_LIB alone when it is set, and says so when it cannot be loaded', () => {
    const dir = scratchDir()
    const bogus = join(dir, 'libhailort.so.4.23.0')
    writeFileSync(bogus, 'not an ELF file')
    expect(() => loadHailort({ env: { HAILORT_LIB: bogus } })).toThrow(
      /HAILORT_LIB points at a libhailort that could not be loaded[\s\S]*libhailort\.so\.4\.23\.0/,
    )
  })

  it('finds versioned files in the system folders, unversioned first then newest', () => {
    const dir = scratchDir()
    const lib = join(dir, 'lib')
    mkdirSync(lib)
    for (const n of ['libhailort.so.4.19.0', 'libhailort.so.4.23.0', 'libhailort.so', 'other.so'])
      writeFileSync(join(lib, n), '')
    expect(systemCandidates([lib])).toEqual([
      join(lib, 'libhailort.so'),
      join(lib, 'libhailort.so.4.23.0'),
      join(lib, 'libhailort.so.4.19.0'),
    ])
  })

  it('refuses a 5.x library with a message about Hailo-10/15', () => {
    refused.setFaults('version=5.1.0')
    expect(() => loadHailort({ env: { HAILORT_LIB: refused.path } })).toThrow(
      /5\.x line, which drives Hailo-10 \/ Hailo-15 only/,
    )
  })

  it('refuses a 4.x version whose layouts were not measured', () => {
    refused.setFaults('version=4.17.0')
    expect(() => loadHailort({ env: { HAILORT_LIB: refused.path } })).toThrow(
      /4\.17\.0 is not supported[\s\S]*4\.18 to 4\.23/,
    )
  })

  it('picks the layout family from hailo_get_library_version and memoises the library', () => {
    const lib = loadHailort({ env: { HAILORT_LIB: double419.path } })
    expect(lib.versionText).toBe('4.19.0')
    expect(lib.family).toBe('v4_18')
    expect(lib.structs.vstreamInfo.name).toBe('hailo_vstream_info_t__v4_18')
    expect(loadHailort({ env: { HAILORT_LIB: double419.path } })).toBe(lib)
  })
})
