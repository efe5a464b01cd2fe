import { describe, expect, it } from 'vitest'
import { decodeNotification } from './ffi/notification-structs.js'
import './register.js'
import { useDoubleChip } from './test-support/double-suite.js'

// The data-flow shutdown message is the one notification whose layout changed (4.18–4.20: two closed-stream
// bitmasks, then the temperatures; 4.21–4.23: the temperatures only). A double built for 4.19 writes the old
// layout: decoded with the wrong family, the bitmasks would be read as temperatures.
const { double, arcface, open } = useDoubleChip('4.19.0')

function shutdownBytes(family: 'old' | 'new', ts0: number, ts1: number): Uint8Array {
  const bytes = Buffer.alloc(28)
  bytes.writeInt32LE(2, 0) // HAILO_NOTIFICATION_ID_HEALTH_MONITOR_DATAFLOW_SHUTDOWN
  bytes.writeUInt32LE(7, 4)
  const at = family === 'old' ? 16 : 8
  if (family === 'old') bytes.writeUInt32LE(0xffff, 8) // closed_input_streams
  bytes.writeFloatLE(ts0, at)
  bytes.writeFloatLE(ts1, at + 4)
  return new Uint8Array(bytes)
}

describe('the data-flow shutdown notification is decoded with its release’s layout', () => {
  it('reads the temperatures at 8/12 of the body up to 4.20 and at 0/4 from 4.21', () => {
    expect(decodeNotification(shutdownBytes('old', 90, 91), 'v4_18')).toMatchObject({
      kind: 'dataflow-shutdown',
      sequence: 7,
      detail: '90.5 °C',
    })
    expect(decodeNotification(shutdownBytes('old', 90, 91), 'v4_20').detail).toBe('90.5 °C')
    expect(decodeNotification(shutdownBytes('new', 88, 89), 'v4_21').detail).toBe('88.5 °C')
  })

  it('on a 4.19 library, a shutdown fired during inference 2 arrives with the chip’s temperature', async () => {
    double.setFaults('temperature=80,notify=dataflow_shutdown@2')
    await using device = await open()
    const model = await device.load(arcface, { format: 'raw' })
    const window = await device.health!.openWindow()
    for (let i = 0; i < 3; i++)
      await model.infer({ data: new Uint8Array(112 * 112 * 3).fill(i), shape: [1, 112, 112, 3], dtype: 'uint8' })
    const health = await window.close()
    expect(health.events.map(({ kind, run, detail, suspect }) => ({ kind, run, detail, suspect }))).toEqual([
      { kind: 'dataflow-shutdown', run: 2, detail: '80.3 °C', suspect: true },
    ])
  })
})
