/**
 * The caller's own input, fed again: a loop over `model.infer(input)` passes one tensor (or one
 * record, or one typed array) n times. Its resolution is kept per model and handed back while the
 * caller's value still holds the same arrays, shapes and dtypes; only what the caller can change
 * without us seeing it, the contents, is checked again (the NaN scan). Resolving it anew each time
 * (shape plan, dtype checks, a fresh record) cost ~6 µs a call hot and more after an inference had
 * left the caches cold: measured 0.8 % of a ~2 ms classifier run.
 *
 * Kept only when resolution made no copy (every resolved tensor shares its data with the caller's),
 * so the kept record always reads the caller's current contents. Paths are never kept: the file
 * behind one may change between calls.
 * @packageDocumentation
 */
import type { DType, Tensor, TensorInfo, TypedArray } from '../tensor/types.js'
import { findNonFinite } from './finite.js'
import { isTensorLike } from './tensor-like.js'
import { sameShape } from './shape.js'

/** One value of the caller's source as it was when resolved. */
interface SourceEntry {
  /** The input's name in a record; `undefined` for a single tensor or typed array. */
  readonly name: string | undefined
  readonly value: object
  readonly data: TypedArray
  readonly length: number
  /** For a tensor: its dtype and shape then. Absent for a bare typed array. */
  readonly dtype?: DType
  readonly shape?: readonly number[]
}

interface Memo {
  readonly source: object
  /** A single tensor or typed array, as opposed to a record by input name (whose keys are counted again). */
  readonly single: boolean
  readonly entries: readonly SourceEntry[]
  readonly result: Readonly<Record<string, Tensor>>
  readonly floats: readonly (Float32Array | Float64Array)[]
}

/** One entry per inputs array (one per model): the loop feeds one value; alternating values simply miss. */
const lastSource = new WeakMap<readonly TensorInfo[], Memo>()

function entryOf(name: string | undefined, value: unknown): SourceEntry | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  if (ArrayBuffer.isView(value)) {
    const data = value as TypedArray
    return { name, value, data, length: data.length }
  }
  if (!isTensorLike(value)) return undefined
  return { name, value, data: value.data, length: value.data.length, dtype: value.dtype, shape: [...value.shape] }
}

/**
 * Keep `result` as the resolution of the caller's `source` for `infos`, when it is an in-memory
 * tensor, typed array or record of those and resolution shared every array (no conversion, no
 * transposition). Anything else is not kept.
 * @example
 * ```ts
 * const inputs = await resolveInputs(model.inputs, source)
 * rememberSource(model.inputs, source, inputs)
 * ```
 */
export function rememberSource(
  infos: readonly TensorInfo[],
  source: unknown,
  result: Readonly<Record<string, Tensor>>,
): void {
  if (typeof source !== 'object' || source === null) return
  const single = ArrayBuffer.isView(source) || isTensorLike(source)
  const entries: SourceEntry[] = []
  for (const info of infos) {
    const entry = entryOf(
      single ? undefined : info.name,
      single ? source : (source as Record<string, unknown>)[info.name],
    )
    if (entry === undefined || result[info.name]?.data !== entry.data) return
    entries.push(entry)
  }
  if (!single && Object.keys(source).length !== entries.length) return
  // By the resolved dtype, not instanceof: an array from another realm (a vm context) is still a Float32Array.
  const floats = infos
    .map((info) => result[info.name] as Tensor)
    .filter((t) => t.dtype === 'float32' || t.dtype === 'float64')
    .map((t) => t.data as Float32Array | Float64Array)
  lastSource.set(infos, { source, single, entries, result, floats })
}

/**
 * The resolution kept for this very `source` by {@link rememberSource}, if the caller's value still
 * holds the same arrays, shapes and dtypes and every float in them is finite; otherwise `undefined`
 * (resolve it again, which also names a non-finite value).
 * @example
 * ```ts
 * const inputs = resolvedAgain(model.inputs, source) ?? (await resolveInputs(model.inputs, source))
 * ```
 */
export function resolvedAgain(
  infos: readonly TensorInfo[],
  source: unknown,
): Readonly<Record<string, Tensor>> | undefined {
  const memo = lastSource.get(infos)
  if (memo === undefined || memo.source !== source) return undefined
  const entries = memo.entries
  if (!memo.single && Object.keys(source as object).length !== entries.length) return undefined
  for (const entry of entries) {
    const now = entry.name === undefined ? source : (source as Record<string, unknown>)[entry.name]
    if (!sameAsBefore(entry, now)) return undefined
  }
  for (const data of memo.floats) if (findNonFinite(data) !== undefined) return undefined
  return memo.result
}

function sameAsBefore(entry: SourceEntry, now: unknown): boolean {
  if (now !== entry.value) return false
  if (entry.shape === undefined) return entry.data.length === entry.length
  const t = now as Tensor
  return (
    t.data === entry.data &&
    t.data.length === entry.length &&
    t.dtype === entry.dtype &&
    sameShape(t.shape, entry.shape)
  )
}
