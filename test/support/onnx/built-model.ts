/**
 * What every ready-made builder returns: the serialized model and what it declares.
 * @packageDocumentation
 */
import type { Dim, DType } from '../../../src/tensor/types.js'

/** One declared input or output of a built model. */
export interface ValueSpec {
  readonly name: string
  readonly dtype: DType
  readonly shape: readonly Dim[]
}

/** A serialized ONNX model with its declared inputs and outputs (in declaration order). */
export interface BuiltModel {
  readonly name: string
  readonly bytes: Uint8Array
  readonly inputs: readonly ValueSpec[]
  readonly outputs: readonly ValueSpec[]
}
