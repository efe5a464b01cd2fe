/**
 * ONNX element types (`TensorProto.DataType`) for the dtypes vitest-hailo speaks.
 * @packageDocumentation
 */
import type { DType } from '../../../src/tensor/types.js'

/** ONNX `TensorProto.DataType` code of each {@link DType} (numbers fixed by the ONNX spec). */
export const ONNX_ELEMENT_TYPE: Readonly<Record<DType, number>> = {
  float32: 1,
  uint8: 2,
  int8: 3,
  uint16: 4,
  int16: 5,
  int32: 6,
  int64: 7,
  float64: 11,
}

/** Bytes per element of each {@link DType}. */
export const BYTES_PER_ELEMENT: Readonly<Record<DType, number>> = {
  float32: 4,
  uint8: 1,
  int8: 1,
  uint16: 2,
  int16: 2,
  int32: 4,
  int64: 8,
  float64: 8,
}

/**
 * The ONNX element type code of a dtype.
 * @example
 * ```ts
 * onnxElementType('float32') // 1
 * ```
 */
export function onnxElementType(dtype: DType): number {
  const code = ONNX_ELEMENT_TYPE[dtype]
  if (code === undefined)
    throw new TypeError(
      `Expected one of ${Object.keys(ONNX_ELEMENT_TYPE).join(', ')} for dtype but received ${String(dtype)}`,
    )
  return code
}
