/**
 * `describeModel`: a HEF's or an ONNX model's inputs and outputs, as a loaded model would report them, with no
 * device at all — the way to prepare inputs on a laptop without a chip or HailoRT.
 * @packageDocumentation
 */
import { checkCompatibility, type CompatVerdict } from './hailort-compat/verdict.js'
import { describeOnnx } from './device/backends/onnx/describe.js'
import { readModelSource } from './device/model-source.js'
import { UnknownNameError } from './errors.js'
import { hefDisagreements, type HailortHefView, type HefDisagreement } from './hef/cross-check.js'
import { startsWithHefMagic } from './hef/header.js'
import { parseHef } from './hef/read.js'
import { hefTensorInfo } from './device/backends/hailort/hef-tensor-info.js'
import type { HefInfo } from './hef/types.js'
import type { TensorInfo } from './tensor/types.js'
import { assertKnownKeys, invalidParameter } from './validate.js'

/** Options of {@link describeModel}. */
export interface DescribeOptions {
  /**
   * Which host format the tensor infos use: `raw` (the device's uint8 / uint16, what the HEF itself says) or
   * `float32` (what `device.load` gives with its default `format: 'float32'`).
   * @defaultValue `'raw'`
   */
  readonly format?: 'raw' | 'float32'
  /** HEF network group to describe. @defaultValue the first (in HailoRT's order) */
  readonly networkGroup?: string
  /** Judge the HEF against this HailoRT version (e.g. `4.19.0`), and this device architecture (`HAILO8`, `HAILO8L`). */
  readonly hailort?: string
  readonly device?: string
  /**
   * Ask HailoRT itself about the same file and report where it disagrees with the reader. By default the HailoRT
   * binding does it (`describeHefWithHailort`, no chip needed) when libhailort is installed, and nothing happens
   * when it is not; a function replaces it (it receives the path, or `<bytes>`, and the bytes); `false` skips it.
   * @defaultValue HailoRT's own answer when libhailort loads (koffi and libhailort are loaded on first use only)
   */
  readonly hailortView?: ((path: string, bytes: Uint8Array) => Promise<HailortHefView | undefined>) | false
}

/** HEF-only facts in a {@link ModelDescription}. */
export interface HefFacts {
  readonly headerVersion: HefInfo['headerVersion']
  readonly architecture: HefInfo['architecture']
  readonly target: string
  readonly compiledAt?: string
  readonly networkGroup: string
  readonly networkGroups: readonly {
    readonly name: string
    readonly isMultiContext: boolean
    readonly inputs: readonly string[]
    readonly outputs: readonly string[]
  }[]
  /** Everything the reader found, in HailoRT's vocabulary. */
  readonly info: HefInfo
}

/** What {@link describeModel} returns. */
export interface ModelDescription {
  readonly format: 'hef' | 'onnx'
  /** The path as given, or `<bytes>`. */
  readonly source: string
  readonly sizeBytes: number
  readonly inputs: readonly TensorInfo[]
  readonly outputs: readonly TensorInfo[]
  /** `{ dataflowCompiler: '3.29.0' }` for a HEF, `{ onnxruntime: '1.30.0' }` for ONNX. */
  readonly versions: Readonly<Record<string, string>>
  readonly hef?: HefFacts
  /** Present when `hailort` was given. */
  readonly compatibility?: CompatVerdict
  /**
   * Present when HailoRT answered (libhailort installed, or a `hailortView` given): `[]` means HailoRT and the reader
   * agree on every field; a HEF HailoRT refuses to open is one disagreement `{ where: 'HEF', hailort: 'refused: …' }`.
   */
  readonly hailortCheck?: { readonly hailort: string; readonly disagreements: readonly HefDisagreement[] }
}

const KNOWN = ['format', 'networkGroup', 'hailort', 'device', 'hailortView']

function isHef(bytes: Uint8Array, source: string): boolean {
  if (/\.hef$/i.test(source)) return true
  return startsWithHefMagic(bytes)
}

/** HailoRT's answer for the same HEF: the caller's function, or the HailoRT binding's (imported only now). */
async function hailortViewOf(
  option: DescribeOptions['hailortView'],
  source: string,
  bytes: Uint8Array,
): Promise<HailortHefView | undefined> {
  if (option === false) return undefined
  if (option !== undefined) return option(source, bytes)
  const { describeHefWithHailort } = await import('./device/backends/hailort/hef-view.js')
  return describeHefWithHailort(source === '<bytes>' ? bytes : source)
}

async function describeHef(bytes: Uint8Array, source: string, options: DescribeOptions): Promise<ModelDescription> {
  const info = parseHef(bytes, source)
  const group =
    options.networkGroup === undefined
      ? info.networkGroups[0]
      : info.networkGroups.find((g) => g.name === options.networkGroup)
  if (group === undefined) {
    const names = info.networkGroups.map((g) => `"${g.name}"`).join(', ') || 'none'
    throw new UnknownNameError(
      'E_UNKNOWN_NETWORK_GROUP',
      `${source} has no network group ${JSON.stringify(options.networkGroup ?? '')}; it has: ${names}. Pass one of them as { networkGroup }.`,
    )
  }
  const format = options.format ?? 'raw'
  const compatibility =
    options.hailort === undefined
      ? undefined
      : checkCompatibility(info, {
          hailort: options.hailort,
          ...(options.device === undefined ? {} : { device: options.device }),
        })
  const view = await hailortViewOf(options.hailortView, source, bytes)
  return {
    format: 'hef',
    source,
    sizeBytes: bytes.byteLength,
    inputs: group.inputs.map((v) => hefTensorInfo(v, format)),
    outputs: group.outputs.map((v) => hefTensorInfo(v, format)),
    versions: { dataflowCompiler: info.sdkVersion },
    hef: {
      headerVersion: info.headerVersion,
      architecture: info.architecture,
      target: info.target,
      ...(info.compiledAt === undefined ? {} : { compiledAt: info.compiledAt }),
      networkGroup: group.name,
      networkGroups: info.networkGroups.map((g) => ({
        name: g.name,
        isMultiContext: g.isMultiContext,
        inputs: g.inputs.map((v) => v.name),
        outputs: g.outputs.map((v) => v.name),
      })),
      info,
    },
    ...(compatibility === undefined ? {} : { compatibility }),
    ...(view === undefined
      ? {}
      : { hailortCheck: { hailort: view.hailort, disagreements: hefDisagreements(info.networkGroups, view) } }),
  }
}

/**
 * Describe a model without a device: for a HEF (read by vitest-hailo's own reader) the same `inputs` /
 * `outputs` a loaded model has, plus compiler version, target architecture, network groups and header version;
 * for ONNX what ONNX Runtime declares.
 *
 * @throws {@link ModelFileError} (missing, unreadable), {@link HefFormatError} (corrupt HEF),
 *   {@link UnknownNameError} (no such network group), {@link InvalidArgumentError} (bad options).
 * @example
 * ```ts
 * const model = await describeModel('build/model.hef', { hailort: '4.19.0' })
 * console.log(model.inputs[0].shape, model.compatibility?.level) // [1, 224, 224, 3] 'validated'
 * ```
 */
export async function describeModel(
  model: string | Uint8Array,
  options: DescribeOptions = {},
): Promise<ModelDescription> {
  if (options === null || typeof options !== 'object') throw invalidParameter('options', 'an object', options)
  assertKnownKeys('describeModel options', options, KNOWN)
  if (options.format !== undefined && options.format !== 'raw' && options.format !== 'float32') {
    throw invalidParameter('options.format', '"raw" or "float32"', options.format)
  }
  if (options.hailortView !== undefined && options.hailortView !== false && typeof options.hailortView !== 'function') {
    throw invalidParameter(
      'options.hailortView',
      'a function (path, bytes) => Promise<HailortHefView | undefined>, or false',
      options.hailortView,
    )
  }
  const { bytes, source } = await readModelSource(model)
  if (isHef(bytes, source)) return describeHef(bytes, source, options)
  const onnx = await describeOnnx(model)
  return {
    format: 'onnx',
    source,
    sizeBytes: onnx.sizeBytes,
    inputs: onnx.inputs,
    outputs: onnx.outputs,
    versions: onnx.versions,
  }
}
