import { describe, expect, it } from 'vitest'
import { InputMismatchError } from '../../../errors.js'
import { FormatOrder, FormatType } from './ffi/type-values.js'
import { frameBuffer } from './hailo-model.js'
import { deviceDType, frameBytes, hostShape, tensorInfoOf, type VStreamDescription } from './tensor-info.js'

const q = { qp_zp: 0, qp_scale: 1, limvals_min: 0, limvals_max: 255 }
const d = (order: number, extra: Partial<VStreamDescription> = {}): VStreamDescription => ({
  name: 'v',
  deviceType: FormatType.UINT8,
  order,
  height: 4,
  width: 5,
  features: 3,
  quant: [q],
  ...extra,
})

describe('vstream descriptions become TensorInfos', () => {
  it('maps each format order to a shape and layout', () => {
    expect(hostShape(d(FormatOrder.NHWC))).toEqual({ shape: [1, 4, 5, 3], layout: 'NHWC', channelAxis: 3 })
    expect(hostShape(d(FormatOrder.NHCW))).toEqual({ shape: [1, 4, 5, 3], layout: 'NHWC', channelAxis: 3 })
    expect(hostShape(d(FormatOrder.NC))).toEqual({ shape: [1, 3], layout: 'NC', channelAxis: 1 })
    expect(hostShape(d(FormatOrder.NHW))).toEqual({ shape: [1, 4, 5], layout: 'NHW', channelAxis: -1 })
    expect(hostShape(d(FormatOrder.NCHW))).toEqual({ shape: [1, 3, 4, 5], layout: 'NCHW', channelAxis: 1 })
  })

  it('uses float32 on the float32 path and the device type on the raw path', () => {
    expect(tensorInfoOf(d(FormatOrder.NHWC), 'float32').dtype).toBe('float32')
    expect(tensorInfoOf(d(FormatOrder.NHWC), 'raw').dtype).toBe('uint8')
    expect(tensorInfoOf(d(FormatOrder.NHWC, { deviceType: FormatType.UINT16 }), 'raw').dtype).toBe('uint16')
    expect(() => deviceDType(FormatType.FLOAT32)).toThrow(/only UINT8 \(1\) and UINT16 \(2\)/)
  })

  it('keeps per-channel quantization along the channel axis', () => {
    const info = tensorInfoOf(d(FormatOrder.NC, { quant: [q, { ...q, qp_zp: 5, qp_scale: 0.5 }, q] }), 'raw')
    expect(info.quant?.perChannel?.axis).toBe(1)
    expect(info.quant?.perChannel?.params[1]).toEqual({ scale: 0.5, zeroPoint: 5, min: 0, max: 255 })
    expect(frameBytes(info)).toBe(3)
  })
})

describe('frameBuffer (checked before any native call)', () => {
  const info = tensorInfoOf(d(FormatOrder.NHWC), 'float32')
  it('refuses a missing input, another dtype and another byte count', () => {
    expect(() => frameBuffer('m', info, undefined, 240)).toThrow(/input "v" is missing/)
    expect(() =>
      frameBuffer('m', info, { data: new Uint8Array(60), shape: [1, 4, 5, 3], dtype: 'uint8' }, 240),
    ).toThrow(/must be float32/)
    expect(() => frameBuffer('m', info, { data: new Float32Array(59), shape: [59], dtype: 'float32' }, 240)).toThrow(
      /needs 240 bytes per frame[\s\S]*received 236 bytes/,
    )
  })
  it('accepts float pixels in 0–255 for an identity-quantized input (HailoRT rounds them)', () => {
    expect(
      frameBuffer('m', info, { data: new Float32Array(60).fill(255), shape: [1, 4, 5, 3], dtype: 'float32' }, 240),
    ).toHaveLength(60)
    expect(
      frameBuffer('m', info, { data: new Float32Array(60).fill(34.9), shape: [1, 4, 5, 3], dtype: 'float32' }, 240),
    ).toHaveLength(60)
    expect(
      frameBuffer('m', info, { data: new Float32Array(60), shape: [1, 4, 5, 3], dtype: 'float32' }, 240),
    ).toHaveLength(60) // a black frame
  })
  it('refuses a frame of 0–1 floats and values that would wrap around', () => {
    expect(() =>
      frameBuffer('m', info, { data: new Float32Array(60).fill(0.5), shape: [1, 4, 5, 3], dtype: 'float32' }, 240),
    ).toThrow(/0–1 with fractions/)
    expect(() =>
      frameBuffer('m', info, { data: new Float32Array(60).fill(300), shape: [1, 4, 5, 3], dtype: 'float32' }, 240),
    ).toThrow(/Value 300 at index 0 is outside 0–255/)
    expect(() =>
      frameBuffer('m', info, { data: new Float32Array(60).fill(-1), shape: [1, 4, 5, 3], dtype: 'float32' }, 240),
    ).toThrow(InputMismatchError)
  })
})
