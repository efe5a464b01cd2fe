// Importing vitest-hailo must not load a native runtime it does not need (Vitest runs each test
// file in its own process, so this file sees a fresh address space). Linux: reads /proc/self/maps.
import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'

const mapped = (name: string): boolean => readFileSync('/proc/self/maps', 'utf8').includes(name)

test('importing the package loads neither onnxruntime nor koffi / libhailort; opening a device does', async () => {
  const api = await import('../index.js')
  // The backend authors' and HEF entry points are as light as the root.
  await import('../entry/extend.js')
  await import('../entry/hef.js')
  expect(typeof api.openDevice).toBe('function')
  expect(mapped('onnxruntime')).toBe(false)
  expect(mapped('koffi')).toBe(false)
  expect(mapped('libhailort')).toBe(false)
  await using device = await api.openDevice('onnx')
  expect(device.kind).toBe('onnx')
  // The check above can see a runtime: opening the device mapped it.
  expect(mapped('onnxruntime')).toBe(true)
})
