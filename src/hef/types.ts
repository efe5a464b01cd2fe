/**
 * What the HEF reader reports, in HailoRT's own vocabulary (names, format types and orders as `hailort.h`
 * spells them without the `HAILO_FORMAT_…` prefix), so it can be compared field for field with what
 * libhailort returns for the same file.
 * @packageDocumentation
 */
import type { HefHeaderVersion } from './header.js'

/** HailoRT's `hailo_format_type_t`, as reported in a vstream info. */
export type HailoFormatType = 'AUTO' | 'UINT8' | 'UINT16' | 'FLOAT32'

/** HailoRT's `hailo_format_order_t` (host side), without the `HAILO_FORMAT_ORDER_` prefix. */
export type HailoFormatOrder =
  | 'AUTO'
  | 'NHWC'
  | 'NHCW'
  | 'FCR'
  | 'F8CR'
  | 'NHW'
  | 'NC'
  | 'BAYER_RGB'
  | '12_BIT_BAYER_RGB'
  | 'HAILO_NMS'
  | 'RGB888'
  | 'NCHW'
  | 'YUY2'
  | 'NV12'
  | 'NV21'
  | 'HAILO_YYUV'
  | 'HAILO_YYVU'
  | 'RGB4'
  | 'I420'
  | 'HAILO_YYYYUV'
  | 'HAILO_NMS_WITH_BYTE_MASK'
  | 'HAILO_NMS_ON_CHIP'
  | 'HAILO_NMS_BY_CLASS'
  | 'HAILO_NMS_BY_SCORE'

/** HailoRT's `hailo_device_architecture_t` names a HEF can target. */
export type HailoArchitecture =
  'HAILO8_A0' | 'HAILO8' | 'HAILO8L' | 'HAILO15H' | 'HAILO15L' | 'HAILO15M' | 'HAILO10H' | 'MARS' | 'UNKNOWN'

/** One quantization record, `hailo_quant_info_t`: `real = (q − zeroPoint) · scale`, clipped to the limvals. */
export interface HefQuantInfo {
  readonly zeroPoint: number
  readonly scale: number
  readonly limvalsMin: number
  readonly limvalsMax: number
}

/** One virtual stream as `hailo_hef_get_all_vstream_infos` reports it, plus its frame sizes. */
export interface HefVStreamInfo {
  readonly direction: 'input' | 'output'
  /** Full name, e.g. `arcface_mobilefacenet/input_layer1`. */
  readonly name: string
  /** The network it belongs to, e.g. `arcface_mobilefacenet/arcface_mobilefacenet`. */
  readonly network: string
  readonly format: { readonly type: HailoFormatType; readonly order: HailoFormatOrder; readonly flags: number }
  /** Image shape (for NMS outputs: classes, box parameters, boxes). */
  readonly shape: { readonly height: number; readonly width: number; readonly features: number }
  /**
   * The vstream's single quantization record. When the HEF quantizes an output per feature, HailoRT reports
   * zeros here and the real values are in {@link HefVStreamInfo.quantPerChannel}.
   */
  readonly quant: HefQuantInfo
  /** Per-feature quantization (HailoRT's stream quant infos), present only when the HEF has it for this stream. */
  readonly quantPerChannel?: readonly HefQuantInfo[]
  /** Bytes of one frame: in the device type (`raw`) and as float32 on the host. */
  readonly frameBytes: { readonly raw: number; readonly float32: number }
}

/** One network group (what `hailo_configure_*` configures). */
export interface HefNetworkGroup {
  readonly name: string
  readonly isMultiContext: boolean
  readonly contexts: number
  /** Network names, e.g. `['arcface_mobilefacenet/arcface_mobilefacenet']`. */
  readonly networks: readonly string[]
  readonly inputs: readonly HefVStreamInfo[]
  /** In HailoRT's order (the HEF's sorted output names). */
  readonly outputs: readonly HefVStreamInfo[]
}

/** A HEF extension the file requires (or, for optional ones, may use). */
export interface HefExtension {
  readonly index: number
  /** The HEF's own label, or the extension's name from `hef.proto` when the label is empty or not text. */
  readonly name: string
}

/** The features HailoRT derives from a HEF's extensions (`Hef::Impl::get_supported_features`). */
export interface HefFeatures {
  readonly periphCalculationInHailort: boolean
  readonly outputScalePerFeature: boolean
  readonly multiNetwork: boolean
  readonly multiContext: boolean
  readonly hailoNetFlow: boolean
  readonly coreHwPaddingInDfc: boolean
  readonly alignedCcws: boolean
  /** `host_argmax` in a boundary layer: HailoRT 4.23 refuses such HEFs. */
  readonly legacyHostArgmax: boolean
}

/** Everything the reader learns from a HEF, without HailoRT. */
export interface HefInfo {
  readonly path: string
  readonly fileSize: number
  readonly headerVersion: HefHeaderVersion
  /** The verified checksum, e.g. `{ kind: 'crc32', value: '0xa7bc7593' }`. */
  readonly checksum: { readonly kind: 'md5' | 'crc32' | 'xxh3'; readonly value: string }
  /** Dataflow Compiler version that wrote the file (`sdk_version`), e.g. `3.29.0`. */
  readonly sdkVersion: string
  /** The device architecture HailoRT maps the HEF's target to. */
  readonly architecture: HailoArchitecture
  /** The HEF's own target name (`ProtoHEFHwArch`), e.g. `HAILO8P` (which HailoRT maps to `HAILO8`). */
  readonly target: string
  /** When it was compiled, if the file says. */
  readonly compiledAt?: string
  /** The protobuf header's own format version (not the file header version). */
  readonly formatVersion: number
  readonly extensions: readonly HefExtension[]
  readonly optionalExtensions: readonly HefExtension[]
  readonly features: HefFeatures
  readonly networkGroups: readonly HefNetworkGroup[]
  /** Things the reader saw but does not describe exactly (post-processing ops, planes…); empty when complete. */
  readonly notes: readonly string[]
}
