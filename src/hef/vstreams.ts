/**
 * Network groups and their virtual streams, derived from the decoded body the way HailoRT 4.23 derives them
 * (`Hef::Impl::fill_networks_metadata`, `HefUtils::fill_layer_info*`,
 * `LayerInfoUtils::get_vstream_infos_from_layer_info`,
 * `NetworkGroupMetadata::get_output_vstream_infos`): boundary edge layers of every context, mux layers expanded to
 * their predecessors, outputs sorted by the HEF's sorted output names.
 * @packageDocumentation
 */
import { HefFormatError } from '../errors.js'
import { isMultiLayoutTarget } from './features.js'
import type {
  PCoreOpFields,
  PEdgeLayerBase,
  PEdgeLayerInfo,
  PEdgeLayerMux,
  PHef,
  PNetworkGroup,
} from './proto-types.js'
import { int64 } from './proto-types.js'
import type {
  HailoFormatOrder,
  HailoFormatType,
  HefFeatures,
  HefNetworkGroup,
  HefQuantInfo,
  HefVStreamInfo,
} from './types.js'

/** Compiler format code → device format order (`HailoRTDefaults::get_device_format_order`). */
const DEVICE_ORDER: Readonly<Record<number, HailoFormatOrder>> = {
  0: 'NHWC',
  1: 'NHCW',
  2: 'NC',
  3: 'FCR',
  4: 'BAYER_RGB',
  5: 'NHW',
  6: 'HAILO_NMS_ON_CHIP',
  7: 'F8CR',
  8: 'RGB888',
  11: 'YUY2',
  13: 'NHWC',
  14: 'HAILO_YYUV',
  15: 'HAILO_YYVU',
  16: 'HAILO_YYYYUV',
}

/** Device format order → the host order a vstream reports (`DEFAULT_FORMAT_ORDER_MAP`). */
const HOST_ORDER: Partial<Record<HailoFormatOrder, HailoFormatOrder>> = {
  NHWC: 'NHWC',
  NHCW: 'NHWC',
  FCR: 'FCR',
  F8CR: 'F8CR',
  NHW: 'NHW',
  NC: 'NC',
  BAYER_RGB: 'BAYER_RGB',
  '12_BIT_BAYER_RGB': '12_BIT_BAYER_RGB',
  RGB888: 'NHWC',
  NCHW: 'NCHW',
  YUY2: 'YUY2',
  HAILO_YYUV: 'NV12',
  HAILO_YYVU: 'NV21',
  HAILO_YYYYUV: 'I420',
  HAILO_NMS_ON_CHIP: 'HAILO_NMS_BY_CLASS',
}

const BOUNDARY = 0
const DEVICE_TO_HOST = 1
const EDGE_INFO = 0
const EDGE_MUX = 1
const FLAG_TRANSPOSED = 2
const MAX_MUX_DEPTH = 16
/** HailoRT's `HailoRTCommon::BBOX_PARAMS`: the numbers per box in an NMS output. */
const BBOX_PARAMS = 5

interface Context {
  readonly path: string
  readonly features: HefFeatures
  readonly notes: string[]
  readonly transposedNet: boolean
  readonly network: string
}

function invalid(ctx: Context, message: string): HefFormatError {
  return new HefFormatError(
    ctx.path,
    'unsupported-content',
    `${ctx.path}: ${message}. HailoRT refuses such a HEF as well (HAILO_INVALID_HEF); compile it again.`,
  )
}

function formatType(ctx: Context, dataBytes: number, name: string): HailoFormatType {
  if (dataBytes === 1) return 'UINT8'
  if (dataBytes === 2) return 'UINT16'
  throw invalid(ctx, `layer "${name}" declares ${dataBytes} bytes per element; only 1 (uint8) and 2 (uint16) exist`)
}

function quantOf(z: number, s: number, min: number, max: number): HefQuantInfo {
  return { zeroPoint: z, scale: s, limvalsMin: min, limvalsMax: max }
}

function fromInfo(ctx: Context, info: PEdgeLayerInfo, direction: 'input' | 'output'): HefVStreamInfo {
  const base: PEdgeLayerBase | null = info.edgeLayerBase
  if (base === null) throw invalid(ctx, `layer "${info.name}" has no shape`)
  const deviceOrder = DEVICE_ORDER[base.format]
  if (deviceOrder === undefined) throw invalid(ctx, `layer "${info.name}" has the unknown format code ${base.format}`)
  const order = HOST_ORDER[deviceOrder] ?? deviceOrder
  let type = formatType(ctx, base.dataBytes, info.name)
  let shape = { height: base.height, width: base.width, features: base.features }
  let flags = 0
  const nms = deviceOrder === 'HAILO_NMS_ON_CHIP'
  if (nms) {
    const n = base.additionalInfo?.nmsInfo
    shape = {
      height: int64(n?.numberOfClasses),
      width: BBOX_PARAMS,
      features: int64(n?.maxOutputSize) * int64(n?.inputDivisionFactor),
    }
    type = 'FLOAT32' // NMS vstreams are always float32
    ctx.notes.push(
      `output "${info.name}" is an on-chip NMS output: its shape is reported as classes × box parameters × boxes, and its frame size is not computed (unverified against HailoRT)`,
    )
  } else if ((ctx.transposedNet || info.transposed) && deviceOrder !== 'NC') {
    shape = { height: shape.width, width: shape.height, features: shape.features }
    flags |= FLAG_TRANSPOSED
  }
  const n = info.numericInfo
  const single = quantOf(n?.qpZp ?? 0, n?.qpScale ?? 0, n?.limvalsMin ?? 0, n?.limvalsMax ?? 0)
  let quant = single
  let quantPerChannel: HefQuantInfo[] | undefined
  if (ctx.features.outputScalePerFeature && !nms) {
    const count = shape.features
    const zps = n?.qpZps ?? []
    const scales = n?.qpScales ?? []
    if (direction === 'output') {
      if (zps.length !== count || scales.length !== count) {
        throw invalid(
          ctx,
          `output "${info.name}" has ${zps.length} zero points and ${scales.length} scales for ${count} features`,
        )
      }
      quant = quantOf(0, 0, 0, 0) // HailoRT reports INVALID_QP (all zeros) when quantization is per feature
    }
    // Stored as double, used as float32 (as HailoRT's static_cast does).
    quantPerChannel = Array.from({ length: Math.min(count, zps.length, scales.length) }, (_, i) =>
      quantOf(Math.fround(zps[i]!), Math.fround(scales[i]!), single.limvalsMin, single.limvalsMax),
    )
    if (direction === 'input' || quantPerChannel.length === 0) quantPerChannel = undefined
  }
  const elements = shape.height * shape.width * shape.features
  const bytes = type === 'UINT16' ? 2 : type === 'FLOAT32' ? 4 : 1
  return {
    direction,
    name: info.name,
    network: ctx.network,
    format: { type, order, flags },
    shape,
    quant,
    ...(quantPerChannel === undefined ? {} : { quantPerChannel }),
    frameBytes: { raw: elements * bytes, float32: elements * 4 },
  }
}

function fromMux(ctx: Context, mux: PEdgeLayerMux, direction: 'input' | 'output', depth: number): HefVStreamInfo[] {
  if (depth > MAX_MUX_DEPTH) throw invalid(ctx, `mux layer "${mux.name}" nests more than ${MAX_MUX_DEPTH} deep`)
  const count = mux.muxData?.numberOfPredecessors ?? 0
  if (count > mux.predecessors.length)
    throw invalid(ctx, `mux layer "${mux.name}" declares ${count} predecessors but has ${mux.predecessors.length}`)
  const result: HefVStreamInfo[] = []
  for (const edge of mux.predecessors.slice(0, count)) {
    if (edge.layerInfo !== null) result.push(fromInfo(ctx, edge.layerInfo, direction))
    else if (edge.layerMux !== null) for (const v of fromMux(ctx, edge.layerMux, direction, depth + 1)) result.push(v)
    else throw invalid(ctx, `mux layer "${mux.name}" has a predecessor that is neither a layer nor a mux`)
  }
  return result
}

/** The core op whose contexts describe the streams: inline in old HEFs, an op of the group in net-flow HEFs. */
function coreOpOf(
  ctx: Omit<Context, 'network' | 'transposedNet'>,
  group: PNetworkGroup,
  hwArch: number,
): PCoreOpFields {
  let core: PCoreOpFields = group
  if (ctx.features.hailoNetFlow) {
    const op = group.ops.find((o) => o.coreOp !== null)
    if (op?.coreOp == null)
      throw new HefFormatError(
        ctx.path,
        'unsupported-content',
        `${ctx.path}: network group "${group.networkGroupName}" has no core op`,
      )
    if (group.ops.some((o) => o.nmsOp.length > 0 || o.logitsOp.length > 0)) {
      ctx.notes.push(
        `network group "${group.networkGroupName}" has post-processing ops (NMS, softmax or argmax) that HailoRT runs on the host; their output vstreams are not described by this reader`,
      )
    }
    core = op.coreOp
    if (isMultiLayoutTarget(hwArch)) core = op.coreOp.partialCoreOps[0]?.coreOp ?? core
  } else if (isMultiLayoutTarget(hwArch)) {
    // Hailo-8L / Hailo-15M HEFs keep one variant per cluster layout; HailoRT describes the first.
    core = group.partialNetworkGroups[0]?.networkGroup ?? core
  }
  return core
}

function sortedOutputNames(group: PNetworkGroup, core: PCoreOpFields, features: HefFeatures): string[] {
  if (core.fusedLayersMetadata?.networkHasFusedLayers) return core.fusedLayersMetadata.updatedSortedOutputNames
  const partial = group.partialNetworkGroups[0]?.networkGroup
  if (!features.hailoNetFlow && partial != null && partial.sortedOutputsOrder.length > 0)
    return partial.sortedOutputsOrder
  if (group.sortedOutputsOrder.length > 0) return group.sortedOutputsOrder
  return core.contexts[core.contexts.length - 1]?.metadata?.sortedOutputsOrder ?? []
}

/**
 * Describe every network group of a decoded HEF: names, networks, and input/output vstreams in HailoRT's order.
 *
 * @throws {@link HefFormatError} (`unsupported-content`) when the metadata contradicts itself the way HailoRT refuses.
 * @example
 * ```ts
 * const groups = describeNetworkGroups(message, features, 'model.hef', notes)
 * groups[0].inputs[0].name // 'arcface_mobilefacenet/input_layer1'
 * ```
 */
export function describeNetworkGroups(
  message: PHef,
  features: HefFeatures,
  path: string,
  notes: string[],
): HefNetworkGroup[] {
  const hwArch = message.header?.hwArch ?? 0
  const groups: HefNetworkGroup[] = []
  for (const group of message.networkGroups) {
    const core = coreOpOf({ path, features, notes }, group, hwArch)
    const name = core.networkGroupMetadata?.networkGroupName ?? ''
    const partialNames = features.multiNetwork && core.networksNames.length > 0 ? core.networksNames : [name]
    const networks = partialNames.map((p) => `${name}/${p}`)
    const inputs: HefVStreamInfo[] = []
    const outputs: HefVStreamInfo[] = []
    for (const context of core.contexts) {
      for (const layer of context.metadata?.edgeLayers ?? []) {
        if ((layer.contextSwitchInfo?.edgeConnectionType ?? 0) !== BOUNDARY) continue
        const direction = layer.direction === DEVICE_TO_HOST ? 'output' : 'input'
        const index = features.multiNetwork ? layer.networkIndex : 0
        const partial = features.multiNetwork ? core.networksNames[index] : name
        if (partial === undefined)
          throw new HefFormatError(
            path,
            'unsupported-content',
            `${path}: a boundary layer names network ${index} but network group "${name}" has ${core.networksNames.length}. HailoRT refuses such a HEF; compile it again.`,
          )
        const ctx: Context = {
          path,
          features,
          notes,
          transposedNet: core.networkGroupMetadata?.transposedNet ?? false,
          network: `${name}/${partial}`,
        }
        const target = direction === 'input' ? inputs : outputs
        if (layer.edgeLayerType === EDGE_INFO && layer.layerInfo !== null)
          target.push(fromInfo(ctx, layer.layerInfo, direction))
        else if (layer.edgeLayerType === EDGE_MUX && layer.layerMux !== null)
          // No spread: a hostile mux may have more predecessors than a call takes arguments.
          for (const v of fromMux(ctx, layer.layerMux, direction, 0)) target.push(v)
        else
          notes.push(
            `a boundary ${direction} of type ${layer.edgeLayerType} (planes) in "${name}" is not described by this reader`,
          )
      }
    }
    const seen = new Set<string>()
    for (const v of [...inputs, ...outputs]) {
      if (seen.has(v.name))
        throw new HefFormatError(
          path,
          'unsupported-content',
          `${path}: network group "${name}" names the stream "${v.name}" twice. HailoRT refuses such a HEF (HAILO_INVALID_HEF); compile it again.`,
        )
      seen.add(v.name)
    }
    // A map, not indexOf: a hostile file may hold very many outputs and names (keeps this n log n).
    const order = new Map<string, number>()
    for (const n of sortedOutputNames(group, core, features)) if (!order.has(n)) order.set(n, order.size)
    const rank = (n: string): number => order.get(n) ?? order.size
    outputs.sort((a, b) => rank(a.name) - rank(b.name))
    groups.push({
      name,
      isMultiContext: core.contexts.length > 1,
      contexts: core.contexts.length,
      networks,
      inputs,
      outputs,
    })
  }
  // HailoRT keeps network groups in a std::map: reported in name order.
  return groups.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}
