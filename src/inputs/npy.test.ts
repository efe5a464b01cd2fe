import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FileError, InputFileError, InvalidArgumentError } from '../errors.js'
import type { Tensor } from '../tensor/types.js'
import { readNpy, writeNpy } from './npy.js'
import { expectError } from '../../test/support/expect-error.js'

const testdata = (name: string): string => fileURLToPath(new URL(`./testdata/${name}`, import.meta.url))
/** 12i + 4j + k for the [2, 3, 4] arrays make-npy.py writes. */
const base = Array.from({ length: 24 }, (_, i) => i)

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vh-npy-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A v1 .npy file built by hand: magic, version, header length, header text, then `data`. */
function handMade(header: string, data: Uint8Array, version = 1): Uint8Array {
  const text = new TextEncoder().encode(header)
  const lenSize = version === 1 ? 2 : 4
  const out = new Uint8Array(8 + lenSize + text.length + data.length)
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0])
  const view = new DataView(out.buffer)
  if (version === 1) view.setUint16(8, text.length, true)
  else view.setUint32(8, text.length, true)
  out.set(text, 8 + lenSize)
  out.set(data, 8 + lenSize + text.length)
  return out
}

describe('readNpy: files numpy wrote', () => {
  it('reads float32 in C order', async () => {
    const t = await readNpy(testdata('f4-c.npy'))
    expect(t).toMatchObject({ shape: [2, 3, 4], dtype: 'float32' })
    expect(Array.from(t.data as Float32Array)).toEqual(base.map((v) => v / 4 - 1))
  })

  it('transposes a Fortran-ordered array into C order, values at the same indices', async () => {
    const t = await readNpy(testdata('f8-fortran.npy'))
    expect(t).toMatchObject({ shape: [2, 3, 4], dtype: 'float64' })
    expect(Array.from(t.data as Float64Array)).toEqual(base)
  })

  it('widens float16 to float32 exactly', async () => {
    const t = await readNpy(testdata('f2.npy'))
    expect(t.dtype).toBe('float32')
    expect(Array.from(t.data as Float32Array)).toEqual(base.map((v) => v / 2))
  })

  it('reads int64 as BigInt64Array', async () => {
    const t = await readNpy(testdata('i8.npy'))
    expect(t.dtype).toBe('int64')
    expect(Array.from(t.data as BigInt64Array)).toEqual(base.map((v) => BigInt(v - 12) * 1_000_000_000_000n))
  })

  it('reads uint8, uint16 and a scalar', async () => {
    expect(Array.from((await readNpy(testdata('u1.npy'))).data as Uint8Array)).toEqual(base)
    expect(Array.from((await readNpy(testdata('u2.npy'))).data as Uint16Array)).toEqual(base.map((v) => v * 1000))
    const scalar = await readNpy(testdata('scalar-f4.npy'))
    expect(scalar).toMatchObject({ shape: [], dtype: 'float32' })
    expect(scalar.data[0]).toBe(3.5)
  })

  it('refuses big-endian data, saying how to save it little-endian', async () => {
    await expect(readNpy(testdata('f4-big-endian.npy'))).rejects.toThrow(/big-endian \('>f4'\).*astype\('<f4'\)/)
  })

  it('refuses dtypes no tensor has (bool, uint32)', async () => {
    await expect(readNpy(testdata('bool.npy'))).rejects.toThrow(/dtype '\|b1' has no tensor equivalent/)
    await expect(readNpy(testdata('u4.npy'))).rejects.toThrow(InputFileError)
  })
})

describe('readNpy: missing and corrupt files', () => {
  it('refuses a missing file, with the path it resolved to', async () => {
    const err = await expectError(readNpy('no/such/file.npy'), InputFileError)
    expect(err.path).toBe('no/such/file.npy')
    expect(err.message).toMatch(/no such file \(resolved to \/.*no\/such\/file\.npy\)/)
  })

  it('refuses a directory and an empty path', async () => {
    await expect(readNpy(dir)).rejects.toThrow(/it is a directory/)
    await expect(readNpy('')).rejects.toThrow(InvalidArgumentError)
  })

  it('refuses a file that is not .npy', async () => {
    const p = join(dir, 'not.npy')
    await writeFile(p, 'hello, this is text and not numpy at all')
    await expect(readNpy(p)).rejects.toThrow(/does not start with the \.npy magic/)
  })

  it('refuses a file truncated inside its data, with both byte counts', async () => {
    const whole = await readFile(testdata('f4-c.npy'))
    const p = join(dir, 'truncated.npy')
    await writeFile(p, whole.subarray(0, whole.length - 8))
    await expect(readNpy(p)).rejects.toThrow(
      /truncated: shape \[2, 3, 4\] of '<f4' needs 96 data bytes but the file has 88/,
    )
  })

  it('refuses a file truncated inside its header', async () => {
    const whole = await readFile(testdata('f4-c.npy'))
    const p = join(dir, 'truncated-header.npy')
    await writeFile(p, whole.subarray(0, 40))
    await expect(readNpy(p)).rejects.toThrow(/truncated inside its header/)
  })

  it('refuses bytes past the data', async () => {
    const p = join(dir, 'long.npy')
    await writeFile(p, handMade("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }     \n", new Uint8Array(12)))
    await expect(readNpy(p)).rejects.toThrow(/4 bytes past the 8 data bytes/)
  })

  it("refuses an unknown version and a header that is not numpy's dict", async () => {
    const p = join(dir, 'v9.npy')
    await writeFile(p, handMade("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }\n", new Uint8Array(4), 9))
    await expect(readNpy(p)).rejects.toThrow(/format version 9\.0/)
    const q = join(dir, 'dict.npy')
    await writeFile(q, handMade("{'type': 'f4'}\n", new Uint8Array(4)))
    await expect(readNpy(q)).rejects.toThrow(/does not have exactly the keys descr, fortran_order and shape/)
    const r = join(dir, 'shape.npy')
    await writeFile(r, handMade("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }\n", new Uint8Array(4)))
    await expect(readNpy(r)).rejects.toThrow(/shape has a negative dimension/)
  })

  it('reads a version 2 file whose data is not aligned to its item size', async () => {
    const header = "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }\n" // 12 + 59 bytes: data at 71
    const p = join(dir, 'unaligned.npy')
    await writeFile(p, handMade(header, new Uint8Array(new Float32Array([1.5, -2, 7]).buffer), 2))
    expect(Array.from((await readNpy(p)).data as Float32Array)).toEqual([1.5, -2, 7])
  })
})

describe('writeNpy', () => {
  const samples: Tensor[] = [
    { data: new Float32Array([0.1, -0, Number.MIN_VALUE, 3.4e38, Number.NaN, 1]), shape: [2, 3], dtype: 'float32' },
    { data: new Float64Array([Math.PI, -1e-300]), shape: [2], dtype: 'float64' },
    { data: new Uint8Array([0, 1, 255]), shape: [1, 3], dtype: 'uint8' },
    { data: new Int8Array([-128, 127]), shape: [2], dtype: 'int8' },
    { data: new Uint16Array([65535, 1]), shape: [2, 1], dtype: 'uint16' },
    { data: new Int16Array([-32768]), shape: [1], dtype: 'int16' },
    { data: new Int32Array([-2147483648, 5]), shape: [2], dtype: 'int32' },
    { data: new BigInt64Array([-(2n ** 63n), 2n ** 62n]), shape: [2], dtype: 'int64' },
    { data: new Float32Array([2.5]), shape: [], dtype: 'float32' },
    { data: new Float32Array(0), shape: [0, 3], dtype: 'float32' },
  ]
  for (const t of samples) {
    it(`round-trips ${t.dtype} ${JSON.stringify(t.shape)} bit for bit`, async () => {
      const p = join(dir, `rt-${t.dtype}-${t.shape.join('x')}.npy`)
      await writeNpy(p, t)
      const back = await readNpy(p)
      expect(back.shape).toEqual(t.shape)
      expect(back.dtype).toBe(t.dtype)
      expect(Buffer.from(back.data.buffer, back.data.byteOffset, back.data.byteLength)).toEqual(
        Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength),
      )
    })
  }

  it('writes the header numpy expects: v1.0, descr, C order, shape tuple, padded, newline-terminated', async () => {
    const p = join(dir, 'header.npy')
    await writeNpy(p, { data: new Float32Array(24), shape: [2, 3, 4], dtype: 'float32' })
    const bytes = await readFile(p)
    expect([...bytes.subarray(0, 8)]).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0])
    const headerLen = bytes.readUInt16LE(8)
    expect((10 + headerLen) % 8).toBe(0)
    const header = bytes.subarray(10, 10 + headerLen).toString('latin1')
    expect(header.endsWith('\n')).toBe(true)
    expect(header.replace(/\s/g, '')).toBe("{'descr':'<f4','fortran_order':False,'shape':(2,3,4)}")
    expect(bytes.length).toBe(10 + headerLen + 96)
  })

  it('writes the same data bytes numpy wrote for the same array', async () => {
    const numpyBytes = await readFile(testdata('f4-c.npy'))
    const p = join(dir, 'same.npy')
    await writeNpy(p, { data: new Float32Array(base.map((v) => v / 4 - 1)), shape: [2, 3, 4], dtype: 'float32' })
    const ours = await readFile(p)
    expect(ours.subarray(ours.length - 96)).toEqual(numpyBytes.subarray(numpyBytes.length - 96))
  })

  it('writes a one-dimensional shape as a one-element tuple', async () => {
    const p = join(dir, 'one.npy')
    await writeNpy(p, { data: new Uint8Array(5), shape: [5], dtype: 'uint8' })
    expect((await readFile(p)).toString('latin1')).toContain("'descr':'|u1','fortran_order':False,'shape':(5,)")
  })

  it('refuses an inconsistent tensor and a bad path', async () => {
    await expect(
      writeNpy(join(dir, 'x.npy'), { data: new Float32Array(3), shape: [2], dtype: 'float32' }),
    ).rejects.toThrow(InvalidArgumentError)
    await expect(
      writeNpy(join(dir, 'x.npy'), { data: new Float32Array(2), shape: [2], dtype: 'uint8' } as never),
    ).rejects.toThrow(/dtype matches its typed array/)
    await expect(writeNpy(join(dir, 'x.npy'), null as never)).rejects.toThrow(InvalidArgumentError)
    await expect(writeNpy('', { data: new Float32Array(2), shape: [2], dtype: 'float32' })).rejects.toThrow(
      InvalidArgumentError,
    )
  })

  it('refuses a folder that does not exist with a FileError', async () => {
    const err = await writeNpy(join(dir, 'missing', 'x.npy'), {
      data: new Float32Array(2),
      shape: [2],
      dtype: 'float32',
    }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(FileError)
    expect((err as FileError).code).toBe('E_FILE_WRITE')
  })
})
