/**
 * The part of the HEF protobuf body vitest-hailo reads, as a protobufjs reflection schema of our own.
 *
 * Field numbers are facts read in `hailort/libhailort/hef.proto` of hailo-ai/hailort at tag v4.23.0. Only the
 * fields needed to describe a model are declared: everything else (the compiled actions, the mapping blob,
 * NMS parameters) is skipped by the decoder without being materialised. Message names are ours.
 * @packageDocumentation
 */
import protobuf from 'protobufjs'

type FieldSpec = { type: string; id: number; rule?: 'repeated' }
type Fields = Record<string, FieldSpec>

const f = (type: string, id: number): FieldSpec => ({ type, id })
const many = (type: string, id: number): FieldSpec => ({ type, id, rule: 'repeated' })

const MESSAGES: Record<string, Fields> = {
  Hef: {
    header: f('Header', 1),
    networkGroups: many('NetworkGroup', 2),
    includedFeatures: f('IncludedFeatures', 4),
    extensions: many('Extension', 5),
    optionalExtensions: many('Extension', 6),
  },
  Header: { hwArch: f('uint32', 1), timestamp: f('uint64', 2), sdkVersion: f('string', 3), version: f('uint64', 4) },
  IncludedFeatures: {
    abbale: f('bool', 1),
    postedWrites: f('bool', 2),
    ddr: f('bool', 3),
    isMultiContext: f('bool', 4),
    compressedParams: f('bool', 5),
    transposeComponent: f('bool', 6),
    paddedDdrBuffers: f('bool', 7),
  },
  Extension: { typeIndex: f('uint32', 1), name: f('string', 2) },
  NetworkGroup: {
    networkGroupMetadata: f('NetworkGroupMetadata', 1),
    contexts: many('Context', 3),
    sortedOutputsOrder: many('string', 4),
    fusedLayersMetadata: f('FusedLayersMetadata', 5),
    networksNames: many('string', 6),
    partialNetworkGroups: many('PartialNetworkGroup', 7),
    ops: many('Op', 8),
    networkGroupName: f('string', 10),
  },
  PartialNetworkGroup: { networkGroup: f('NetworkGroup', 1), layout: f('PhysicalLayout', 2) },
  PhysicalLayout: { partialClustersLayoutBitmap: f('uint32', 1) },
  // Kept as raw bytes: only their presence matters here (post-processing done by HailoRT on the host).
  Op: { name: f('string', 1), coreOp: f('CoreOp', 4), nmsOp: f('bytes', 5), logitsOp: f('bytes', 6) },
  CoreOp: {
    networkGroupMetadata: f('NetworkGroupMetadata', 1),
    contexts: many('Context', 3),
    sortedOutputsOrder: many('string', 4),
    fusedLayersMetadata: f('FusedLayersMetadata', 5),
    networksNames: many('string', 6),
    partialCoreOps: many('PartialCoreOp', 7),
  },
  PartialCoreOp: { coreOp: f('CoreOp', 1), layout: f('PhysicalLayout', 2) },
  NetworkGroupMetadata: {
    networkGroupName: f('string', 1),
    networkGroupIndex: f('uint32', 2),
    transposedNet: f('bool', 3),
    bottleneckFps: f('double', 4),
    latency: f('double', 6),
  },
  FusedLayersMetadata: { networkHasFusedLayers: f('bool', 1), updatedSortedOutputNames: many('string', 2) },
  Context: { contextIndex: f('uint32', 1), metadata: f('ContextMetadata', 3) },
  ContextMetadata: { name: f('string', 1), edgeLayers: many('EdgeLayer', 2), sortedOutputsOrder: many('string', 5) },
  EdgeLayer: {
    direction: f('uint32', 1),
    edgeLayerType: f('uint32', 2),
    layerInfo: f('EdgeLayerInfo', 3),
    layerMux: f('EdgeLayerMux', 4),
    layerPlanes: f('EdgeLayerPlanes', 8),
    contextSwitchInfo: f('ContextSwitchInfo', 5),
    networkIndex: f('uint32', 6),
  },
  EdgeLayerInfo: {
    name: f('string', 1),
    edgeLayerBase: f('EdgeLayerBase', 2),
    numericInfo: f('NumericInfo', 3),
    hnOutputLayerName: f('string', 4),
    originalNames: many('string', 5),
    transposed: f('bool', 6),
  },
  Edge: { layerInfo: f('EdgeLayerInfo', 1), layerMux: f('EdgeLayerMux', 2), layerPlanes: f('EdgeLayerPlanes', 3) },
  EdgeLayerMux: {
    name: f('string', 1),
    edgeLayerBase: f('EdgeLayerBase', 2),
    muxData: f('MuxData', 3),
    predecessors: many('Edge', 5),
  },
  MuxData: { numberOfPredecessors: f('uint32', 1) },
  EdgeLayerPlanes: {
    name: f('string', 1),
    planesFormat: f('uint32', 2),
    planes: many('Edge', 3),
    height: f('uint32', 4),
    width: f('uint32', 5),
    features: f('uint32', 6),
  },
  ContextSwitchInfo: { edgeConnectionType: f('uint32', 3) },
  EdgeLayerBase: {
    height: f('uint32', 1),
    paddedHeight: f('uint32', 2),
    width: f('uint32', 3),
    paddedWidth: f('uint32', 4),
    features: f('uint32', 5),
    paddedFeatures: f('uint32', 6),
    format: f('uint32', 7),
    sysIndex: f('uint32', 8),
    additionalInfo: f('AdditionalInfo', 11),
    dataBytes: f('uint32', 12),
    hostArgmax: f('bool', 14),
  },
  AdditionalInfo: { nmsInfo: f('NmsInfo', 1) },
  NmsInfo: {
    numberOfClasses: f('uint64', 2),
    maxOutputSize: f('uint64', 3),
    bboxSize: f('uint64', 4),
    isDefused: f('bool', 5),
    inputDivisionFactor: f('uint64', 7),
  },
  NumericInfo: {
    qpZp: f('float', 1),
    qpScale: f('float', 2),
    limvalsMin: f('float', 3),
    limvalsMax: f('float', 4),
    qpZps: many('double', 5),
    qpScales: many('double', 6),
  },
}

let root: protobuf.Root | undefined

/** The schema's root, built once on first use (never at import time). */
export function hefSchema(): protobuf.Root {
  if (root === undefined) {
    const nested: Record<string, { fields: Fields }> = {}
    for (const [name, fields] of Object.entries(MESSAGES)) nested[name] = { fields }
    root = protobuf.Root.fromJSON({ nested: { hef: { nested } } })
    root.resolveAll()
  }
  return root
}

/** The reflected type of a message of the subset, e.g. `'Hef'`. */
export function hefType(name: keyof typeof MESSAGES): protobuf.Type {
  return hefSchema().lookupType(`hef.${name}`)
}

/** Names of the message types of the subset. */
export type HefMessageName = keyof typeof MESSAGES
