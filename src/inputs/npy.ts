/**
 * `.npy` files in and out: the format numpy's `np.save` / `np.load` use, so test inputs can come
 * from Python and failure artifacts open in numpy.
 *
 * Reading (npyjs `parse` on the file's bytes — npyjs' own `load(path)` treats a path as a URL):
 * - dtypes: `u1 i1 u2 i2 i4 i8 f4 f8` little-endian (`int64` → `BigInt64Array`); `float16` is
 *   widened to float32 (exact: every float16 is a float32), so the tensor's dtype is `float32`.
 * - Fortran-ordered arrays are transposed into C order (the same values at the same indices, as
 *   `np.load` gives them) — a copy, done once.
 * - Refused with {@link InputFileError}: a missing file, anything but a regular file (FIFO, device),
 *   a file that is not `.npy`, a truncated file
 *   (fewer data bytes than the shape needs) or one with bytes past its data, big-endian data,
 *   and dtypes no tensor has (bool, uint32, uint64, complex, strings, objects).
 *
 * Writing uses npyjs `dump`: version 1.0, `{'descr':'<f4','fortran_order':False,'shape':(…)}`,
 * header padded with spaces to a multiple of 8 bytes and ending in `\n`, then the raw
 * little-endian data. numpy reads it back bit for bit (`np.load`, also with `mmap_mode`).
 * @packageDocumentation
 */
import { writeFile } from 'node:fs/promises'
import { dump, parse } from 'npyjs'
import { FileError, InputFileError } from '../errors.js'
import { readUserFile } from '../files/read-user-file.js'
import { transpose } from '../tensor/layout.js'
import type { Tensor, TypedArray } from '../tensor/types.js'
import { describeValue, invalidParameter } from '../validate.js'
import { asExactArray, dtypeOfArray } from './dtype.js'
import { NPY_DTYPES, readNpyHeader } from './npy-header.js'
import { elementCount, formatShape, isValidShape } from './shape.js'

function fileError(path: string, reason: string, cause?: unknown): InputFileError {
  return new InputFileError(path, `Cannot read ${JSON.stringify(path)} as a .npy file: ${reason}.`, { cause })
}

/**
 * Read a `.npy` file into a tensor.
 *
 * @throws {@link InputFileError} when the file is missing, unreadable, not `.npy`, truncated,
 *   big-endian or of a dtype no tensor has.
 * @example
 * ```ts
 * const image = await readNpy('testdata/cat-224.npy') // { data: Float32Array, shape: [1, 224, 224, 3], dtype:
 * 'float32' }
 * await model.infer(image)
 * ```
 */
export async function readNpy(path: string): Promise<Tensor> {
  if (typeof path !== 'string' || path === '') throw invalidParameter('path', 'a non-empty path to a .npy file', path)
  const bytes = await readUserFile(path, { fail: (reason, cause) => fileError(path, reason, cause) })
  const header = readNpyHeader(bytes)
  if (typeof header === 'string') throw fileError(path, header)
  const { descr, shape, dataOffset, fortranOrder } = header
  const kind = NPY_DTYPES[descr]
  if (kind === undefined) {
    const reason =
      descr.startsWith('>') && descr.length > 2
        ? `its data is big-endian ('${descr}'); save it little-endian, e.g. np.save(path, a.astype('<${descr.slice(1)}'))`
        : `its dtype '${descr}' has no tensor equivalent; supported: uint8, int8, uint16, int16, int32, int64, float16 (read as float32), float32, float64 — convert it with a.astype(...) first`
    throw fileError(path, reason)
  }
  const count = elementCount(shape)
  const needed = count * kind.itemSize
  const available = bytes.length - dataOffset
  if (available !== needed) {
    throw fileError(
      path,
      available < needed
        ? `it is truncated: shape ${formatShape(shape)} of '${descr}' needs ${needed} data bytes but the file has ${available}`
        : `it has ${available - needed} bytes past the ${needed} data bytes that shape ${formatShape(shape)} of '${descr}' needs (not a single np.save array)`,
    )
  }
  // A fresh ArrayBuffer holding exactly the file: npyjs views the data in place, which needs the
  // data offset aligned to the item size (numpy aligns headers to 64 bytes; others may not).
  const aligned = dataOffset % kind.itemSize === 0
  const buffer = aligned
    ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
    : alignedCopy(bytes, dataOffset, kind.itemSize)
  let data: TypedArray
  try {
    const parsed = parse(buffer as ArrayBuffer)
    data = asExactArray(parsed.data as TypedArray)
  } catch (e) {
    throw fileError(path, `npyjs could not parse it (${(e as Error).message})`, e)
  }
  if (data.length !== count || dtypeOfArray(data) !== kind.dtype) {
    throw fileError(
      path,
      `npyjs read ${describeValue(data)} where shape ${formatShape(shape)} of '${descr}' was declared`,
    )
  }
  if (fortranOrder && shape.length > 1) {
    // Fortran-ordered data of shape S is C-ordered data of shape reversed(S), axes reversed.
    const reversed = [...shape].reverse()
    data = transpose(
      { data, shape: reversed, dtype: kind.dtype } as Tensor,
      reversed.map((_, k) => reversed.length - 1 - k),
    ).data
  }
  return { data, shape: [...shape], dtype: kind.dtype } as Tensor
}

/** A buffer with the header's bytes shifted so the data starts at an aligned offset (header padded). */
function alignedCopy(bytes: Uint8Array, dataOffset: number, itemSize: number): ArrayBuffer {
  const pad = itemSize - (dataOffset % itemSize)
  // Re-state the header with `pad` more spaces before its final newline; only v1 lengths are uint16.
  const out = new Uint8Array(bytes.length + pad)
  out.set(bytes.subarray(0, dataOffset - 1), 0)
  out.fill(0x20, dataOffset - 1, dataOffset - 1 + pad)
  out.set(bytes.subarray(dataOffset - 1), dataOffset - 1 + pad)
  const view = new DataView(out.buffer)
  if (out[6] === 1) view.setUint16(8, view.getUint16(8, true) + pad, true)
  else view.setUint32(8, view.getUint32(8, true) + pad, true)
  return out.buffer
}

/**
 * Write a tensor as a `.npy` file numpy reads back bit for bit. Overwrites an existing file; the
 * folder must exist.
 *
 * @throws {@link InvalidArgumentError} when `tensor` is not a consistent `{ data, shape, dtype }`;
 *   {@link FileError} (`E_FILE_WRITE`) when the file cannot be written.
 * @example
 * ```ts
 * await writeNpy('artifacts/output-0.npy', outputs.logits!) // then in Python: np.load('artifacts/output-0.npy')
 * ```
 */
export async function writeNpy(path: string, tensor: Tensor): Promise<void> {
  if (typeof path !== 'string' || path === '')
    throw invalidParameter('path', 'a non-empty path for the .npy file', path)
  const t = tensor as Partial<Tensor> | null
  const dtype = t === null || typeof t !== 'object' ? undefined : dtypeOfArray(t.data)
  if (dtype === undefined || t?.dtype !== dtype || !isValidShape(t.shape) || elementCount(t.shape) !== t.data!.length) {
    throw invalidParameter(
      'tensor',
      'a tensor { data, shape, dtype } whose dtype matches its typed array and whose shape matches its length',
      tensor,
    )
  }
  const bytes = dump(asExactArray(t.data as TypedArray), [...t.shape])
  try {
    await writeFile(path, new Uint8Array(bytes))
  } catch (e) {
    throw new FileError(
      'E_FILE_WRITE',
      path,
      `Cannot write the .npy file ${JSON.stringify(path)}: ${(e as NodeJS.ErrnoException).code ?? String(e)}. Check that its folder exists and is writable.`,
      { cause: e },
    )
  }
}
