import koffi from 'koffi'
import { describe, expect, it } from 'vitest'
import { readLayoutTable } from '../test-support/layout-table.js'
import { dataflowShutdownMessage } from './notification-structs.js'
import { familyStructs } from './structs.js'
import { layoutFamilyOf } from './versions.js'

const table = readLayoutTable()
const versions = Object.keys(table.versions)

/** Table fields that live under another koffi member name (anonymous unions in the C header). */
function koffiMember(struct: string, field: string, family: string): string {
  if (struct === 'hailo_vstream_info_t' && field === 'nms_shape') return 'shape' // union with the frame shape
  if (struct === 'hailo_nms_shape_t' && family === 'v4_20' && field === 'max_bboxes_total')
    return 'max_bboxes_per_class'
  return field
}

describe('koffi struct declarations equal the layouts measured on the real header', () => {
  it('covers the six releases 4.18 to 4.23', () => {
    expect(versions).toEqual(['4.18.0', '4.19.0', '4.20.0', '4.21.0', '4.22.0', '4.23.0'])
  })

  for (const version of versions) {
    const [major, minor, revision] = version.split('.').map(Number) as [number, number, number]
    const family = layoutFamilyOf({ major, minor, revision })
    it(`declares every struct of ${version} with its exact size, alignment and field offsets`, () => {
      expect(family).toBeDefined()
      const own = familyStructs(family!)
      for (const [name, layout] of Object.entries(table.versions[version]!.structs)) {
        const type =
          name === 'hailo_vstream_info_t'
            ? own.vstreamInfo
            : name === 'hailo_nms_shape_t'
              ? own.nmsShape
              : name === 'hailo_health_monitor_dataflow_shutdown_notification_message_t'
                ? dataflowShutdownMessage(family!)
                : koffi.type(name)
        expect.soft(koffi.sizeof(type), `sizeof(${name}) in ${version}`).toBe(layout.size)
        expect.soft(koffi.alignof(type), `alignof(${name}) in ${version}`).toBe(layout.align)
        for (const [field, [offset]] of Object.entries(layout.fields)) {
          expect
            .soft(koffi.offsetof(type, koffiMember(name, field, family!)), `offsetof(${name}, ${field}) in ${version}`)
            .toBe(offset)
        }
      }
    })
  }

  it('declares the packed notification structs: 28 bytes, the body at 8, the data-flow message per family', () => {
    expect(koffi.sizeof('hailo_notification_t')).toBe(28)
    expect(koffi.offsetof('hailo_notification_t', 'body')).toBe(8)
    expect(koffi.sizeof(dataflowShutdownMessage('v4_18'))).toBe(16)
    expect(koffi.sizeof(dataflowShutdownMessage('v4_20'))).toBe(16)
    expect(koffi.sizeof(dataflowShutdownMessage('v4_21'))).toBe(8)
    expect(koffi.offsetof(dataflowShutdownMessage('v4_18'), 'ts0_temperature')).toBe(8)
  })

  it('gives each layout family its own koffi type names', () => {
    const names = (['v4_18', 'v4_20', 'v4_21'] as const).map((f) => familyStructs(f).vstreamInfo.name)
    expect(new Set(names).size).toBe(3)
    expect(koffi.sizeof(familyStructs('v4_18').vstreamInfo)).toBe(432)
    expect(koffi.offsetof(familyStructs('v4_21').vstreamInfo, 'quant_info')).toBe(420)
  })

  it('is idempotent when the module is evaluated twice in one process', async () => {
    const again = await import('./structs.js?again' as string)
    expect(again.familyStructs('v4_21').vstreamInfo.name).toBe('hailo_vstream_info_t__v4_21')
  })
})
