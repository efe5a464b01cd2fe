/**
 * The `.npy` header, read before npyjs parses the data, so every way a file can be wrong gets its
 * own message (npyjs trusts the header and reads whatever bytes follow it).
 *
 * Format (numpy's `numpy.lib.format`): magic `\x93NUMPY`, major and minor version bytes, the header
 * length (uint16 little-endian for version 1, uint32 for versions 2 and 3), then a Python dict
 * literal such as `{'descr': '<f4', 'fortran_order': False, 'shape': (1, 224, 224, 3), }` padded
 * with spaces and ending in `\n`; the data follows, in C or Fortran order.
 * @packageDocumentation
 */
import type { DType } from '../tensor/types.js'

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
  uint8: '|u1', int8: '|i1', uint16: '<u2', int16: '<i2', int32: '<i4', int64: '<i8', float32: '<f4', float64: '<f8',
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
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLen))
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text)?.[1]
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text)?.[1]
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(text)?.[1]
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    return `its header is not the dict numpy writes (descr, fortran_order, shape): ${JSON.stringify(text.trim().slice(0, 120))}`
  }
  const parts = shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '')
  const shape = parts.map((s) => (/^\d+$/.test(s) ? Number(s) : Number.NaN))
  if (shape.some((d) => !Number.isSafeInteger(d))) return `its shape (${shapeText}) is not a tuple of non-negative integers`
  return { descr, fortranOrder: fortran === 'True', shape, dataOffset: start + headerLen }
}
