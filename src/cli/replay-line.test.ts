import { describe, expect, test } from 'vitest'
import { replayLine } from './replay-line.js'

describe('replayLine', () => {
  test('names the device exactly and leaves plain words unquoted', () => {
    expect(replayLine('TOKEN', { model: 'models/ocr.onnx', format: 'raw' }, 'emulator', { shape: '1,3,48,192' })).toBe(
      "vitest-hailo replay TOKEN models/ocr.onnx --device 'emulator' --format raw --shape 1,3,48,192",
    )
  })

  test('quotes what a shell would split or interpret: a by-name shape, JSON, a path with a space or a quote', () => {
    const line = replayLine('TOKEN', { model: "my models/it's.onnx" }, 'onnx', {
      shape: 'image=1,3,32,32;mask=1,1,32,32',
      input: 'images/',
      reference: 'ref.onnx',
      tolerance: '{"steps":1}',
    })
    expect(line).toBe(
      `vitest-hailo replay TOKEN 'my models/it'\\''s.onnx' --device 'onnx' --shape 'image=1,3,32,32;mask=1,1,32,32' --input images/ --reference ref.onnx --tolerance '{"steps":1}'`,
    )
  })
})
