/**
 * Compare every output of one inference with its reference.
 * @packageDocumentation
 */
import { InvalidArgumentError, UnknownNameError } from '../errors.js'
import type { QuantParams, Quantization, TensorMap } from '../tensor/types.js'
import { invalidParameter } from '../validate.js'
import { compareTensors } from './compare-tensors.js'
import { checkPerOutputNames, validateTolerance, type Tolerance } from './tolerance.js'
import type { OutputsComparison, TensorComparison } from './types.js'

/** Options of {@link compareOutputs}. */
export interface CompareOutputsOptions {
  /** Quantization of each output by name, where known (needed by `steps`). */
  readonly quant?: Readonly<Record<string, QuantParams | Quantization | undefined>>
}

const quoted = (names: readonly string[]): string => names.map((n) => JSON.stringify(n)).join(', ') || '(none)'

function checkMap(name: string, map: unknown): asserts map is TensorMap {
  if (map === null || typeof map !== 'object' || Array.isArray(map) || ArrayBuffer.isView(map)) {
    throw invalidParameter(name, 'a record of tensors by output name', map)
  }
  if (ArrayBuffer.isView((map as { data?: unknown }).data) && Array.isArray((map as { shape?: unknown }).shape)) {
    throw new InvalidArgumentError(
      `Expected a record of tensors by output name for ${name} but received a single tensor; wrap it: { [outputName]: tensor }`,
    )
  }
}

/**
 * Compare each output of `actual` with the output of the same name in `expected`, under `tolerance`
 * (its `perOutput` entry over the default). Both maps must hold the same output names; map or rename
 * them first when the two models name them differently.
 *
 * @throws {@link UnknownNameError} when the names differ or `tolerance.perOutput` names an output that
 * does not exist; whatever {@link compareTensors} throws.
 * @example
 * ```ts
 * const result = compareOutputs(await hef.infer(x), await onnx.infer(x), { cosine: 0.99, perOutput: { boxes: { atol: 1
 * } } })
 * result.pass // every output passed
 * ```
 */
export function compareOutputs(
  actual: TensorMap,
  expected: TensorMap,
  tolerance: Tolerance = {},
  options: CompareOutputsOptions = {},
): OutputsComparison {
  checkMap('actual', actual)
  checkMap('expected', expected)
  validateTolerance(tolerance)
  const names = Object.keys(expected)
  const actualNames = Object.keys(actual)
  const missing = names.filter((n) => !Object.hasOwn(actual, n))
  const extra = actualNames.filter((n) => !Object.hasOwn(expected, n))
  if (missing.length > 0 || extra.length > 0) {
    throw new UnknownNameError(
      'E_UNKNOWN_OUTPUT',
      `Expected the same output names on both sides but ` +
        [
          missing.length > 0 ? `actual lacks ${quoted(missing)}` : '',
          extra.length > 0 ? `expected lacks ${quoted(extra)}` : '',
        ]
          .filter(Boolean)
          .join(' and ') +
        `; actual has ${quoted(actualNames)}, expected has ${quoted(names)}. Map the names explicitly (outputs: { actualName: expectedName }).`,
    )
  }
  checkPerOutputNames(tolerance, names)
  const outputs: Record<string, TensorComparison> = {}
  for (const name of names) {
    const quant = options.quant?.[name]
    outputs[name] = compareTensors(actual[name]!, expected[name]!, tolerance, {
      name,
      ...(quant === undefined ? {} : { quant }),
    })
  }
  return { pass: names.every((n) => outputs[n]!.pass), names, outputs }
}
