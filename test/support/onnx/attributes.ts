/**
 * Node attributes with explicit ONNX types. A bare number must be an integer (an INT attribute): ONNX
 * tells `1` from `1.0`, and an INT where a FLOAT is expected makes ORT refuse the model, so floats
 * are always written `float(x)`.
 * @packageDocumentation
 */
import type { onnx } from 'onnx-proto'
import { tensorProto, type TensorData } from './tensor-proto.js'

/** A FLOAT or FLOATS attribute value (see {@link float} / {@link floats}). */
export interface FloatAttribute {
  readonly kind: 'float'
  readonly value: number | readonly number[]
}

/** A TENSOR attribute value (see {@link tensorAttr}). */
export interface TensorAttribute {
  readonly kind: 'tensor'
  readonly value: TensorData
}

/**
 * What an attribute may be given as: an integer or integer list (INT / INTS), a string (STRING),
 * {@link float} / {@link floats} (FLOAT / FLOATS), or {@link tensorAttr} (TENSOR).
 */
export type AttributeValue = number | readonly number[] | string | FloatAttribute | TensorAttribute

/** Attributes of one node, by attribute name. */
export type Attributes = Readonly<Record<string, AttributeValue>>

/**
 * A FLOAT attribute.
 * @example
 * ```ts
 * g.node('LayerNormalization', [x, scale, bias], { attributes: { axis: -1, epsilon: float(1e-6) } })
 * ```
 */
export function float(value: number): FloatAttribute {
  return { kind: 'float', value }
}

/**
 * A FLOATS attribute.
 * @example
 * ```ts
 * floats([0.5, 1.5])
 * ```
 */
export function floats(values: readonly number[]): FloatAttribute {
  return { kind: 'float', value: [...values] }
}

/**
 * A TENSOR attribute (e.g. `Constant`'s `value`).
 * @example
 * ```ts
 * g.node('Constant', [], { attributes: { value: tensorAttr({ dtype: 'int64', dims: [1], data: new BigInt64Array([2n])
 * }) } })
 * ```
 */
export function tensorAttr(value: TensorData): TensorAttribute {
  return { kind: 'tensor', value }
}

// AttributeProto.AttributeType codes from the ONNX spec.
const FLOAT = 1,
  INT = 2,
  STRING = 3,
  TENSOR = 4,
  FLOATS = 6,
  INTS = 7

function assertIntegers(name: string, values: readonly number[]): void {
  for (const v of values) {
    if (!Number.isSafeInteger(v)) {
      throw new TypeError(
        `Expected an integer for attribute ${name} but received ${v}; write float(${v}) for a FLOAT attribute`,
      )
    }
  }
}

/**
 * Turn one attribute into its `AttributeProto`.
 * @example
 * ```ts
 * attributeProto('axis', -1) // { name: 'axis', type: INT, i: -1 }
 * ```
 */
export function attributeProto(name: string, value: AttributeValue): onnx.IAttributeProto {
  if (typeof value === 'string') return { name, type: STRING, s: new TextEncoder().encode(value) }
  if (typeof value === 'number') {
    assertIntegers(name, [value])
    return { name, type: INT, i: value }
  }
  if (Array.isArray(value)) {
    assertIntegers(name, value)
    return { name, type: INTS, ints: [...value] }
  }
  const tagged = value as FloatAttribute | TensorAttribute
  if (tagged.kind === 'tensor') return { name, type: TENSOR, t: tensorProto('', tagged.value) }
  if (typeof tagged.value === 'number') return { name, type: FLOAT, f: tagged.value }
  return { name, type: FLOATS, floats: [...tagged.value] }
}
