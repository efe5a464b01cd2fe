/**
 * A small, typed builder of ONNX models on top of `onnx-proto`: inputs and outputs with static or
 * symbolic dims, initializers from typed arrays, nodes with typed attributes, serialized to the
 * bytes `InferenceSession.create(bytes)` takes. Serialization is deterministic: the same calls give
 * the same bytes on every machine.
 * @packageDocumentation
 */
import onnxProto from 'onnx-proto'
import type { onnx } from 'onnx-proto'
import type { Dim, DType } from '../../../src/tensor/types.js'
import { attributeProto, type Attributes } from './attributes.js'
import { onnxElementType } from './element-type.js'
import { tensorProto, type TensorData } from './tensor-proto.js'

const { ModelProto } = onnxProto.onnx

/** ONNX IR version written into every model (what `onnx-proto` 8 encodes; ORT 1.30 reads it). */
export const IR_VERSION = 8

/**
 * Default opset of the default domain: 17 is the first with `LayerNormalization` as one op, and
 * `ReduceMean` still takes `axes` as an attribute there.
 */
export const DEFAULT_OPSET = 17

/** Options of a {@link GraphBuilder}. */
export interface GraphOptions {
  /** Graph name. */
  readonly name: string
  /** Opset of the default ONNX domain. @defaultValue {@link DEFAULT_OPSET} */
  readonly opset?: number
  /** Free text stored as the model's `doc_string`. */
  readonly doc?: string
  /** Key/value pairs stored as the model's `metadata_props`. */
  readonly metadata?: Readonly<Record<string, string>>
}

/** Options of one node. */
export interface NodeOptions {
  /** Output names; one auto-named output (`<OpType>_<n>`) when omitted. */
  readonly outputs?: readonly string[]
  readonly attributes?: Attributes
  /** Node name; auto-named when omitted. */
  readonly name?: string
  /** Operator domain; the default ONNX domain when omitted. */
  readonly domain?: string
}

function valueInfo(name: string, dtype: DType, dims: readonly Dim[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnxElementType(dtype),
        shape: {
          dim: dims.map((d) => {
            if (typeof d === 'string') {
              if (d === '') throw new RangeError(`Expected a non-empty symbolic dim name for ${name}`)
              return { dimParam: d }
            }
            if (!Number.isInteger(d) || d < 0)
              throw new RangeError(`Expected non-negative integer dims for ${name} but received ${d}`)
            return { dimValue: d }
          }),
        },
      },
    },
  }
}

/**
 * Builds one ONNX model.
 * @example
 * ```ts
 * const g = new GraphBuilder({ name: 'add-one' })
 * const x = g.input('x', 'float32', ['batch', 4])
 * const one = g.initializer('one', { dtype: 'float32', dims: [1], data: new Float32Array([1]) })
 * g.output(g.node('Add', [x, one], { outputs: ['y'] }), 'float32', ['batch', 4])
 * const session = await InferenceSession.create(g.toBytes())
 * ```
 */
export class GraphBuilder {
  readonly name: string
  readonly opset: number
  private readonly options: GraphOptions
  private readonly inputs: onnx.IValueInfoProto[] = []
  private readonly outputs: onnx.IValueInfoProto[] = []
  private readonly valueInfos: onnx.IValueInfoProto[] = []
  private readonly initializers: onnx.ITensorProto[] = []
  private readonly nodes: onnx.INodeProto[] = []
  /** Every value name defined so far (inputs, initializers, node outputs). */
  private readonly defined = new Set<string>()
  private counter = 0

  constructor(options: GraphOptions) {
    if (typeof options.name !== 'string' || options.name === '')
      throw new TypeError('Expected a non-empty string for name')
    const opset = options.opset ?? DEFAULT_OPSET
    if (!Number.isInteger(opset) || opset < 7)
      throw new RangeError(`Expected an integer ≥ 7 for opset but received ${opset}`)
    this.name = options.name
    this.opset = opset
    this.options = options
  }

  private define(name: string): string {
    if (typeof name !== 'string' || name === '') throw new TypeError('Expected a non-empty value name')
    if (this.defined.has(name)) throw new Error(`Value ${name} is already defined in graph ${this.name}`)
    this.defined.add(name)
    return name
  }

  /** A fresh value name with the given prefix, unique in this graph. */
  fresh(prefix: string): string {
    let name: string
    do name = `${prefix}_${this.counter++}`
    while (this.defined.has(name))
    return name
  }

  /** Declare a graph input; returns its name. Dims are sizes or symbolic names (dynamic). */
  input(name: string, dtype: DType, dims: readonly Dim[]): string {
    this.inputs.push(valueInfo(this.define(name), dtype, dims))
    return name
  }

  /** Declare an already defined value as a graph output; returns its name. */
  output(name: string, dtype: DType, dims: readonly Dim[]): string {
    if (!this.defined.has(name))
      throw new Error(`Output ${name} is not produced by any node, input or initializer of graph ${this.name}`)
    this.outputs.push(valueInfo(name, dtype, dims))
    return name
  }

  /** Record the type and shape of an intermediate value (optional; ORT infers them). */
  annotate(name: string, dtype: DType, dims: readonly Dim[]): string {
    if (!this.defined.has(name)) throw new Error(`Value ${name} is not defined in graph ${this.name}`)
    this.valueInfos.push(valueInfo(name, dtype, dims))
    return name
  }

  /** Add a constant weight; returns its name. */
  initializer(name: string, tensor: TensorData): string {
    this.initializers.push(tensorProto(this.define(name), tensor))
    return name
  }

  /** A float32 initializer from plain numbers or a Float32Array (auto-named when `name` is omitted). */
  float32(dims: readonly number[], data: Float32Array | readonly number[], name?: string): string {
    const array = data instanceof Float32Array ? data : Float32Array.from(data)
    return this.initializer(name ?? this.fresh('const'), { dtype: 'float32', dims, data: array })
  }

  /** An int64 initializer (shapes, axes, pads for ops that take them as inputs). */
  int64(dims: readonly number[], data: readonly number[], name?: string): string {
    return this.initializer(name ?? this.fresh('const'), {
      dtype: 'int64',
      dims,
      data: BigInt64Array.from(data, (v) => BigInt(v)),
    })
  }

  /**
   * Add a node whose inputs are defined values (`''` for an omitted optional input); returns its
   * outputs' names.
   */
  nodeOutputs(opType: string, inputs: readonly string[], options: NodeOptions = {}): string[] {
    for (const name of inputs) {
      if (name !== '' && !this.defined.has(name))
        throw new Error(`Input ${name} of ${opType} is not defined in graph ${this.name}`)
    }
    const outputs = (options.outputs ?? [this.fresh(opType)]).map((o) => this.define(o))
    const attributes = Object.entries(options.attributes ?? {}).map(([k, v]) => attributeProto(k, v))
    this.nodes.push({
      name: options.name ?? `${opType}_node_${this.nodes.length}`,
      opType,
      input: [...inputs],
      output: outputs,
      ...(attributes.length > 0 ? { attribute: attributes } : {}),
      ...(options.domain !== undefined ? { domain: options.domain } : {}),
    })
    return outputs
  }

  /** Add a node with exactly one output; returns that output's name. */
  node(opType: string, inputs: readonly string[], options: NodeOptions = {}): string {
    if (options.outputs !== undefined && options.outputs.length !== 1) {
      throw new Error(`node() makes one output; use nodeOutputs() for ${opType} with ${options.outputs.length}`)
    }
    return this.nodeOutputs(opType, inputs, options)[0] as string
  }

  /** The model as an `onnx-proto` message object. */
  toModelProto(): onnx.IModelProto {
    if (this.outputs.length === 0) throw new Error(`Graph ${this.name} has no outputs`)
    const metadata = Object.entries(this.options.metadata ?? {}).map(([key, value]) => ({ key, value }))
    return {
      irVersion: IR_VERSION,
      producerName: 'vitest-hailo test support',
      opsetImport: [{ domain: '', version: this.opset }],
      ...(this.options.doc !== undefined ? { docString: this.options.doc } : {}),
      ...(metadata.length > 0 ? { metadataProps: metadata } : {}),
      graph: {
        name: this.name,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
        valueInfo: this.valueInfos,
      },
    }
  }

  /** Serialize the model (protobuf); same calls → same bytes. */
  toBytes(): Uint8Array {
    return ModelProto.encode(ModelProto.fromObject(this.toModelProto())).finish()
  }
}
