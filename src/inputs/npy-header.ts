/**
 * The `.npy` header, read before npyjs parses the data, so every way a file can be wrong gets its
 * own message (npyjs trusts the header and reads whatever bytes follow it).
 *
 * Format (numpy's `numpy.lib.format`): magic `\x93NUMPY`, major and minor version bytes, the header
 * length (uint16 little-endian for version 1, uint32 for versions 2 and 3), then a Python dict
 * literal such as `{'descr': '<f4', 'fortran_order': False, 'shape': (1, 224, 224, 3), }` padded
 * with spaces and ending in `\n`; the data follows, in C or Fortran order. The dict is read as numpy
 * reads it (`ast.literal_eval`, see {@link parsePythonLiteral}): a repeated key keeps its last value,
 * and a key other than the three is refused.
 * @packageDocumentation
 */
import type { DType } from '../tensor/types.js'
import { parsePythonLiteral, PythonSyntaxError, type PyValue } from './python-literal.js'

/** What the header of a `.npy` file declares. */
export interface NpyHeader {
  /** numpy's type string, e.g. `<f4`, `|u1`. */
  readonly descr: string
  readonly fortranOrder: boolean
  readonly shape: readonly number[]
  /** Byte offset of the data. */
  readonly dataOffset: number
}

/** How each supported `descr` maps to a tensor dtype; `'<f2'` is widened (exactly) to float32. */
export const NPY_DTYPES: Readonly<Record<string, { dtype: DType; itemSize: number }>> = {
  '|u1': { dtype: 'uint8', itemSize: 1 },
  '<u1': { dtype: 'uint8', itemSize: 1 },
  '|i1': { dtype: 'int8', itemSize: 1 },
  '<i1': { dtype: 'int8', itemSize: 1 },
  '<u2': { dtype: 'uint16', itemSize: 2 },
  '<i2': { dtype: 'int16', itemSize: 2 },
  '<i4': { dtype: 'int32', itemSize: 4 },
  '<i8': { dtype: 'int64', itemSize: 8 },
  '<f2': { dtype: 'float32', itemSize: 2 },
  '<f4': { dtype: 'float32', itemSize: 4 },
  '<f8': { dtype: 'float64', itemSize: 8 },
}

/** The descr numpy writes for each tensor dtype (what `writeNpy` must produce). */
export const NPY_DESCR_BY_DTYPE: Readonly<Record<DType, string>> = {
  uint8: '|u1',
  int8: '|i1',
  uint16: '<u2',
  int16: '<i2',
  int32: '<i4',
  int64: '<i8',
  float32: '<f4',
  float64: '<f8',
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59] // \x93NUMPY

/** Parse the header of `bytes`, or return the reason it is not a `.npy` header numpy would write. */
export function readNpyHeader(bytes: Uint8Array): NpyHeader | string {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    return `it does not start with the .npy magic \\x93NUMPY (${bytes.length < 6 ? `the file has only ${bytes.length} bytes` : 'another format, or not a numpy file'})`
  }
  const major = bytes[6] as number
  if (major < 1 || major > 3) return `its format version ${major}.${bytes[7]} is not one numpy writes (1.0, 2.0 or 3.0)`
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const lenSize = major === 1 ? 2 : 4
  if (bytes.length < 8 + lenSize) return 'it is truncated inside its header'
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true)
  const start = 8 + lenSize
  if (start + headerLen > bytes.length) {
    return `it is truncated inside its header (the header says ${headerLen} bytes, the file has ${bytes.length - start} after the length field)`
  }
  if (headerLen > MAX_HEADER_SIZE) {
    return `its header is ${headerLen} bytes, more than the ${MAX_HEADER_SIZE} numpy reads without allow_pickle=True (np.load refuses it as unsafe)`
  }
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLen))
  const header = headerDict(text, major)
  return typeof header === 'string' ? header : { ...header, dataOffset: start + headerLen }
}

/** numpy's `_MAX_HEADER_SIZE`: np.load refuses longer headers unless pickles are allowed. */
export const MAX_HEADER_SIZE = 10_000

const EXPECTED_KEYS = ['descr', 'fortran_order', 'shape']

/** The header dict, checked as numpy's `_read_array_header` checks it, or the reason numpy would refuse it. */
function headerDict(text: string, major: number): Omit<NpyHeader, 'dataOffset'> | string {
  const shown = JSON.stringify(text.trim().slice(0, 120))
  let value: PyValue
  try {
    // numpy evaluates the header with ast.literal_eval, and drops Python 2's `L` suffix for versions 1 and 2.
    value = parsePythonLiteral(text, { dropLongSuffix: major <= 2 })
  } catch (error) {
    if (!(error instanceof PythonSyntaxError)) throw error
    return `its header is not a Python literal numpy can read (${error.message}): ${shown}`
  }
  if (value.kind !== 'dict') return `its header is not a dict: ${shown}`
  const keys = [...value.entries.keys()].sort()
  if (value.otherKeys > 0 || keys.join() !== EXPECTED_KEYS.join()) {
    return `its header does not have exactly the keys descr, fortran_order and shape (numpy refuses it): ${shown}`
  }
  const descr = value.entries.get('descr')!
  const fortran = value.entries.get('fortran_order')!
  const shape = value.entries.get('shape')!
  if (descr.kind !== 'str')
    return `its descr is not a dtype string (structured arrays have no tensor equivalent): ${shown}`
  if (fortran.kind !== 'bool') return `its fortran_order is not True or False: ${shown}`
  if (shape.kind !== 'tuple' || shape.items.some((d) => d.kind !== 'int'))
    return `its shape is not a tuple of integers: ${shown}`
  const dims = shape.items.map((d) => (d as { value: bigint }).value)
  if (dims.some((d) => d < 0n)) return `its shape has a negative dimension: ${shown}`
  if (dims.some((d) => d > BigInt(Number.MAX_SAFE_INTEGER)))
    return `its shape has a dimension too large for any array: ${shown}`
  return { descr: canonicalDescr(descr.value), fortranOrder: fortran.value, shape: dims.map(Number) }
}

/** numpy type names for the dtypes a tensor has, as `np.dtype(name).str` gives them (float16 too). */
const DESCR_BY_NAME: Readonly<Record<string, string>> = { ...NPY_DESCR_BY_DTYPE, float16: '<f2' }

/** The descr as numpy's `dtype(descr).str` on a little-endian machine: `f4`, `=f4`, `|f4` → `<f4`; `<u1` → `|u1`. */
function canonicalDescr(descr: string): string {
  const named = DESCR_BY_NAME[descr]
  if (named !== undefined) return named
  const m = /^([<>=|]?)([biuf])(\d+)$/.exec(descr)
  if (m === null) return descr
  const [, order, kind, size] = m as unknown as [string, string, string, string]
  if (size === '1') return `|${kind}1`
  return `${order === '>' ? '>' : '<'}${kind}${size}`
}
