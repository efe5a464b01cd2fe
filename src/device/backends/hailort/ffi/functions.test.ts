import { describe, expect, it } from 'vitest'
import { readLayoutTable } from '../test-support/layout-table.js'
import { HAILORT_FUNCTIONS } from './functions.js'

interface Parsed {
  result: string
  name: string
  params: string[]
}

function parse(prototype: string): Parsed {
  const m = /^(.*?)\s*\b(hailo_[a-z0-9_]+)\((.*)\)$/.exec(prototype.trim())
  if (!m) throw new Error(`cannot parse ${prototype}`)
  const params = m[3]!.split(',').map((p) =>
    p
      .replace(/\b(_Out_|_Inout_|const)\b/g, '')
      .replace(/\*/g, ' * ')
      .replace(/\b\w+\s*$/, '')
      .replace(/\s+\*/g, ' *')
      .replace(/\s+/g, ' ')
      .trim(),
  )
  return {
    result: m[1]!
      .replace(/\bconst\b/g, '')
      .replace(/\s*\*/g, ' *')
      .trim(),
    name: m[2]!,
    params,
  }
}

describe('the function table matches the header signatures of 4.18–4.23', () => {
  const header = readLayoutTable().signatures
  for (const [name, spec] of Object.entries(HAILORT_FUNCTIONS)) {
    it(`declares ${name} like hailort.h`, () => {
      const mine = parse(spec.prototype)
      const real = parse(header[name] ?? '')
      expect(mine.name).toBe(name)
      expect(mine.result).toBe(real.result)
      expect(mine.params).toHaveLength(real.params.length)
      mine.params.forEach((p, i) => {
        // A caller-owned buffer stands for a pointer to a struct (layout-dependent or large).
        if (p === 'void *' && real.params[i] !== 'void *') expect(real.params[i]).toMatch(/^hailo_\w+_t \*$/)
        else expect(p, `parameter ${i} of ${name}`).toBe(real.params[i])
      })
    })
  }

  it('marks every call that can wait on the chip as blocking', () => {
    for (const name of [
      'hailo_vstream_write_raw_buffer',
      'hailo_vstream_read_raw_buffer',
      'hailo_create_vdevice',
      'hailo_configure_vdevice',
    ] as const) {
      expect(HAILORT_FUNCTIONS[name].blocking).toBe(true)
    }
  })
})
