import { describe, expect, test } from 'vitest'
import { loadRecordOf } from '../device/load-record.js'
import { openDevice } from '../device/open.js'
import { countingInfers } from './counting-model.js'
import { UINT8_CLASSIFIER } from './test-support/run-cli.js'

describe('countingInfers', () => {
  test('counts every resolved inference and is otherwise the model: id, fingerprint, device, and how it was loaded', async () => {
    const device = await openDevice('emulator')
    try {
      const model = await device.load(UINT8_CLASSIFIER, { format: 'raw' })
      let count = 0
      const counted = countingInfers(model, () => count++)
      await counted.infer(new Uint8Array(128 * 128 * 3))
      await counted.infer(new Uint8Array(128 * 128 * 3))
      expect(count).toBe(2)
      expect(counted.fingerprint()).toBe(model.fingerprint())
      expect(counted.id).toBe(model.id)
      expect(counted.device).toBe(model.device)
      // The fuzzing engine reloads the model in another format from its load record, and parity reads the
      // normalization it was loaded with: the counted view must carry the record too.
      expect(loadRecordOf(counted)).toEqual({ model: UINT8_CLASSIFIER, options: { format: 'raw' } })
    } finally {
      await device.dispose()
    }
  })

  test('a failed inference is not counted', async () => {
    const device = await openDevice('emulator')
    try {
      const model = await device.load(UINT8_CLASSIFIER)
      let count = 0
      await expect(countingInfers(model, () => count++).infer(new Uint8Array(3))).rejects.toThrow()
      expect(count).toBe(0)
    } finally {
      await device.dispose()
    }
  })
})
