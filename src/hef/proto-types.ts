/**
 * TypeScript shapes of the decoded protobuf subset declared in `schema.ts` (what protobufjs hands back:
 * unset fields read as 0, `""`, `false`, `[]` or `null`; 64-bit integers as a number or a Long).
 * Internal to the reader.
 * @packageDocumentation
 */

/** A protobufjs 64-bit integer: a number, or a Long when the `long` package is present. */
export type Int64 = number | { toString(): string }

/** Convert a decoded 64-bit integer to a number (exact up to 2^53, which every size in a real HEF is). */
export function int64(value: Int64 | null | undefined): number {
  if (value === null || value === undefined) return 0
  return typeof value === 'number' ? value : Number(value.toString())
}

export interface PHef {
  header: PHeader | null
  networkGroups: PNetworkGroup[]
  includedFeatures: PIncludedFeatures | null
  extensions: PExtension[]
  optionalExtensions: PExtension[]
}
export interface PHeader {
  hwArch: number
  timestamp: Int64
  sdkVersion: string
  version: Int64
}
export interface PIncludedFeatures {
  abbale: boolean
  postedWrites: boolean
  ddr: boolean
  isMultiContext: boolean
  compressedParams: boolean
  transposeComponent: boolean
  paddedDdrBuffers: boolean
}
export interface PExtension {
  typeIndex: number
  name: string
}

/** The fields a network group and a core op share (old HEFs keep the core op inline in the network group). */
export interface PCoreOpFields {
  networkGroupMetadata: PNetworkGroupMetadata | null
  contexts: PContext[]
  sortedOutputsOrder: string[]
  fusedLayersMetadata: PFusedLayersMetadata | null
  networksNames: string[]
}
export interface PNetworkGroup extends PCoreOpFields {
  partialNetworkGroups: { networkGroup: PNetworkGroup | null }[]
  ops: POp[]
  networkGroupName: string
}
export interface POp {
  name: string
  coreOp: PCoreOp | null
  nmsOp: Uint8Array
  logitsOp: Uint8Array
}
export interface PCoreOp extends PCoreOpFields {
  partialCoreOps: { coreOp: PCoreOp | null }[]
}
export interface PNetworkGroupMetadata {
  networkGroupName: string
  transposedNet: boolean
}
export interface PFusedLayersMetadata {
  networkHasFusedLayers: boolean
  updatedSortedOutputNames: string[]
}
export interface PContext {
  metadata: PContextMetadata | null
}
export interface PContextMetadata {
  edgeLayers: PEdgeLayer[]
  sortedOutputsOrder: string[]
}
export interface PEdgeLayer {
  direction: number
  edgeLayerType: number
  layerInfo: PEdgeLayerInfo | null
  layerMux: PEdgeLayerMux | null
  layerPlanes: unknown
  contextSwitchInfo: { edgeConnectionType: number } | null
  networkIndex: number
}
export interface PEdgeLayerInfo {
  name: string
  edgeLayerBase: PEdgeLayerBase | null
  numericInfo: PNumericInfo | null
  transposed: boolean
}
export interface PEdge {
  layerInfo: PEdgeLayerInfo | null
  layerMux: PEdgeLayerMux | null
  layerPlanes: unknown
}
export interface PEdgeLayerMux {
  name: string
  edgeLayerBase: PEdgeLayerBase | null
  muxData: { numberOfPredecessors: number } | null
  predecessors: PEdge[]
}
export interface PEdgeLayerBase {
  height: number
  width: number
  features: number
  paddedHeight: number
  paddedWidth: number
  paddedFeatures: number
  format: number
  dataBytes: number
  hostArgmax: boolean
  additionalInfo: { nmsInfo: PNmsInfo | null } | null
}
export interface PNmsInfo {
  numberOfClasses: Int64
  maxOutputSize: Int64
  bboxSize: Int64
  isDefused: boolean
  inputDivisionFactor: Int64
}
export interface PNumericInfo {
  qpZp: number
  qpScale: number
  limvalsMin: number
  limvalsMax: number
  qpZps: number[]
  qpScales: number[]
}
