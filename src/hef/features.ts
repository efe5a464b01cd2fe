/**
 * Extensions, features and target architecture of a HEF, as HailoRT derives them.
 * Numbers are facts from `hef.proto` (`ProtoHEFExtensionType`, `ProtoHEFHwArch`) and the mapping from
 * `DeviceBase::hef_arch_to_device_arch` (hailo-ai/hailort v4.23.0).
 * @packageDocumentation
 */
import type { PExtension, PHef } from './proto-types.js'
import { int64 } from './proto-types.js'
import type { HailoArchitecture, HefExtension, HefFeatures } from './types.js'

/** `ProtoHEFExtensionType` names by index. */
export const HEF_EXTENSION_NAMES: Readonly<Record<number, string>> = {
  0: 'ABBALE',
  1: 'POSTED_WRITES',
  2: 'DDR',
  3: 'PADDED_DDR_BUFFERS',
  4: 'IS_MULTI_CONTEXTS',
  5: 'COMPRESSED_PARAMS',
  6: 'TRANSPOSE_COMPONENT',
  7: 'TEST_ONE',
  8: 'MULTI_NETWORK_VARIABLE_BATCH_SIZE',
  9: 'IS_NMS_MULTI_CONTEXT',
  10: 'OFFLOAD_ARGMAX',
  11: 'HW_PADDING',
  12: 'KO_RUN_ASAP',
  13: 'HAILO_NET_FLOW',
  14: 'HAILO_NET_FLOW_YOLOV5_NMS',
  15: 'HAILO_NET_FLOW_YOLOX_NMS',
  16: 'HAILO_NET_FLOW_SSD_NMS',
  17: 'HAILO_NET_FLOW_IOU_NMS',
  18: 'WRITE_DATA_BY_TYPE',
  19: 'NMS_OUTPUT_BURST',
  20: 'DUAL_DIRECTION_STREAM_INDEX',
  21: 'HAILO_NET_FLOW_ARGMAX',
  22: 'HAILO_NET_FLOW_SOFTMAX',
  23: 'ALIGNED_FORMAT_TYPE',
  24: 'HAILO_NET_FLOW_YOLOV5_SEG_NMS',
  25: 'OUTPUT_SCALE_PER_FEATURE',
  26: 'PERIPH_CALCULATION_IN_HAILORT',
  27: 'HAILO_NET_FLOW_YOLOV8_NMS',
  28: 'BATCH_REGISTER_CONFIG',
  29: 'HAILO_NET_FLOW_BBOX_DECODING',
  30: 'CCW_PTR_SQUEEZE',
  31: 'EXTERNAL_RESOURCES',
  32: 'SHARED_CONFIG',
}

/** `ProtoHEFHwArch` names by value. */
const TARGETS: Readonly<Record<number, string>> = {
  0: 'HAILO8',
  1: 'HAILO8P',
  2: 'HAILO8R',
  3: 'HAILO8L',
  4: 'HAILO15M',
  5: 'HAILO10H',
  6: 'HAILO15L',
  100: 'SAGE_A0',
  101: 'SAGE_B0',
  102: 'PAPRIKA_B0',
  103: 'HAILO15H',
  104: 'GINGER',
  105: 'LAVENDER',
  106: 'PLUTO',
  108: 'MARS',
}

/** HailoRT's device architecture for each HEF target (`hef_arch_to_device_arch`). */
const ARCHITECTURES: Readonly<Record<string, HailoArchitecture>> = {
  SAGE_A0: 'HAILO8_A0',
  HAILO8: 'HAILO8',
  HAILO8P: 'HAILO8',
  HAILO8R: 'HAILO8',
  SAGE_B0: 'HAILO8',
  PAPRIKA_B0: 'HAILO8',
  HAILO8L: 'HAILO8L',
  HAILO15H: 'HAILO15H',
  GINGER: 'HAILO15H',
  LAVENDER: 'HAILO15H',
  PLUTO: 'HAILO15L',
  HAILO15L: 'HAILO15L',
  HAILO15M: 'HAILO15M',
  HAILO10H: 'HAILO10H',
  MARS: 'MARS',
}

/** The HEF's target name and the architecture HailoRT maps it to. */
export function hefTarget(hwArch: number): { target: string; architecture: HailoArchitecture } {
  const target = TARGETS[hwArch] ?? `UNKNOWN_${hwArch}`
  return { target, architecture: ARCHITECTURES[target] ?? 'UNKNOWN' }
}

/** Targets whose network groups are stored as partial (cluster-layout) variants (`is_multi_layout`). */
export function isMultiLayoutTarget(hwArch: number): boolean {
  return hwArch === 3 || hwArch === 4
}

function label(extension: PExtension): HefExtension {
  const known = HEF_EXTENSION_NAMES[extension.typeIndex]
  // Some real HEFs carry a binary blob instead of a label (seen in both samples): prefer the enum name then.
  const printable = /^[\x20-\x7e]+$/.test(extension.name)
  return {
    index: extension.typeIndex,
    name: printable ? extension.name : (known ?? `extension ${extension.typeIndex}`),
  }
}

/** The HEF's required and optional extensions, with readable names. */
export function hefExtensions(message: PHef): { extensions: HefExtension[]; optionalExtensions: HefExtension[] } {
  return { extensions: message.extensions.map(label), optionalExtensions: message.optionalExtensions.map(label) }
}

/**
 * Whether the HEF has an extension, as `Hef::Impl::check_hef_extension` decides: from the extension list when
 * the protobuf header's version is above 0, else from the deprecated included-features flags.
 */
function has(message: PHef, index: number): boolean {
  if (int64(message.header?.version) > 0) return message.extensions.some((e) => e.typeIndex === index)
  const flags = message.includedFeatures
  if (flags === null) return false
  switch (index) {
    case 0:
      return flags.abbale
    case 1:
      return flags.postedWrites
    case 2:
      return flags.ddr
    case 3:
      return flags.paddedDdrBuffers
    case 4:
      return flags.isMultiContext
    case 5:
      return flags.compressedParams
    case 6:
      return flags.transposeComponent
    default:
      return false
  }
}

function hasOptional(message: PHef, index: number): boolean {
  return int64(message.header?.version) > 0 && message.optionalExtensions.some((e) => e.typeIndex === index)
}

/** The features HailoRT 4.23 derives from the HEF (`Hef::Impl::get_supported_features`). */
export function hefFeatures(message: PHef, legacyHostArgmax: boolean): HefFeatures {
  return {
    periphCalculationInHailort: has(message, 26),
    outputScalePerFeature: has(message, 25),
    multiNetwork: hasOptional(message, 8),
    multiContext: has(message, 4),
    hailoNetFlow: has(message, 13),
    coreHwPaddingInDfc: hasOptional(message, 11),
    alignedCcws: has(message, 32),
    legacyHostArgmax,
  }
}
