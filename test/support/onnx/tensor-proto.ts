/**
 * Typed arrays → ONNX `TensorProto` with little-endian `raw_data`, so the serialized bytes are the
 * same on every machine and float values survive exactly.
 * @packageDocumentation
 */
import type { onnx } from 'onnx-proto'
import type { DType, TypedArrayByDType } from '../../../src/tensor/types.js'
import { BYTES_PER_ELEMENT, onnxElementType } from './element-type.js'

/** Data for an initializer or a tensor attribute: a typed array, its dtype and its shape. */
export interface TensorData<D extends DType = DType> {
  readonly dtype: D
  readonly dims: readonly number[]
  readonly data: TypedArrayByDType[D]
}

/**
 * Encode the elements of a typed array as little-endian bytes (ONNX `raw_data` is little-endian
 * whatever the host is).
 * @example
 * ```ts
 * littleEndianBytes('float32', new Float32Array([1])) // Uint8Array [0, 0, 128, 63]
 * ```
 */
export function littleEndianBytes<D extends DType>(dtype: D, data: TypedArrayByDType[D]): Uint8Array {
  const size = BYTES_PER_ELEMENT[dtype]
  const out = new Uint8Array(data.length * size)
  const view = new DataView(out.buffer)
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number | bigint
    const at = i * size
    switch (dtype) {
      case 'float32':
        view.setFloat32(at, v as number, true)
        break
      case 'float64':
        view.setFloat64(at, v as number, true)
        break
      case 'uint8':
        view.setUint8(at, v as number)
        break
      case 'int8':
        view.setInt8(at, v as number)
        break
      case 'uint16':
        view.setUint16(at, v as number, true)
        break
      case 'int16':
        view.setInt16(at, v as number, true)
        break
      case 'int32':
        view.setInt32(at, v as number, true)
        break
      case 'int64':
        view.setBigInt64(at, v as bigint, true)
        break
      default:
        throw new TypeError(`Unsupported dtype ${String(dtype)}`)
    }
  }
  return out
}

/** Number of elements a shape holds (1 for a scalar `[]`). */
export function elementCount(dims: readonly number[]): number {
  return dims.reduce((n, d) => n * d, 1)
}

/**
 * Build a `TensorProto` from typed data; refuses data whose length does not match its dims.
 * @example
 * ```ts
 * const proto = tensorProto('bias', { dtype: 'float32', dims: [2], data: new Float32Array([0.5, -1]) })
 * ```
 */
export function tensorProto(name: string, tensor: TensorData): onnx.ITensorProto {
  for (const d of tensor.dims) {
    if (!Number.isInteger(d) || d < 0)
      throw new RangeError(
        `Expected non-negative integer dims for tensor ${name} but received [${tensor.dims.join(', ')}]`,
      )
  }
  const count = elementCount(tensor.dims)
  if (tensor.data.length !== count) {
    throw new RangeError(
      `Expected ${count} elements for tensor ${name} of dims [${tensor.dims.join(', ')}] but received ${tensor.data.length}`,
    )
  }
  return {
    name,
    dims: [...tensor.dims],
    dataType: onnxElementType(tensor.dtype),
    rawData: littleEndianBytes(tensor.dtype, tensor.data),
  }
}
