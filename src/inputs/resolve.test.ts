import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  InputFileError,
  InputMismatchError,
  InvalidArgumentError,
  NonFiniteInputError,
  UnknownNameError,
} from '../errors.js'
import type { Tensor, TensorInfo } from '../tensor/types.js'
import { expectError } from '../../test/support/expect-error.js'
import { readNpy, writeNpy } from './npy.js'
import { resolveInputs } from './resolve.js'

const testdata = (name: string): string => fileURLToPath(new URL(`./testdata/${name}`, import.meta.url))
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vh-resolve-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const nhwc: TensorInfo = { name: 'images', shape: [1, 4, 5, 3], dtype: 'uint8', layout: 'NHWC' }
const nchwFloat: TensorInfo = { name: 'pixels', shape: [1, 3, 4, 5], dtype: 'float32', layout: 'NCHW' }
const vector: TensorInfo = { name: 'x', shape: ['batch', 4], dtype: 'float32', layout: 'NC' }

function ramp(n: number): Uint8Array {
  const a = new Uint8Array(n)
  for (let i = 0; i < n; i++) a[i] = i % 251
  return a
}

describe('resolveInputs: single values', () => {
  it('passes a matching tensor through without copying', async () => {
    const t: Tensor = { data: ramp(60), shape: [1, 4, 5, 3], dtype: 'uint8' }
    const out = await resolveInputs([nhwc], t)
    expect(out.images!.data).toBe(t.data)
    expect(out.images!.shape).toEqual([1, 4, 5, 3])
  })

  it('reads a bare typed array in the declared shape', async () => {
    const out = await resolveInputs([nhwc], ramp(60))
    expect(out.images).toMatchObject({ shape: [1, 4, 5, 3], dtype: 'uint8' })
  })

  it('derives one dynamic dimension of a bare typed array from its length', async () => {
    const out = await resolveInputs([vector], new Float32Array(12))
    expect(out.x!.shape).toEqual([3, 4])
  })

  it('refuses a bare typed array when two dimensions are dynamic', async () => {
    const info: TensorInfo = { name: 'x', shape: ['n', 'k'], dtype: 'float32', layout: 'NC' }
    await expect(resolveInputs([info], new Float32Array(12))).rejects.toThrow(/2 dynamic dimensions.*Pass a tensor/)
  })

  it('refuses a typed array of the wrong size, saying both counts', async () => {
    await expectError(resolveInputs([nhwc], ramp(59)), InputMismatchError, {
      code: 'E_INPUT_MISMATCH',
      message: /expected 60 elements but received Uint8Array of length 59/,
    })
  })

  it('accepts any size along a dynamic dimension of a tensor', async () => {
    const out = await resolveInputs([vector], { data: new Float32Array(20), shape: [5, 4], dtype: 'float32' })
    expect(out.x!.shape).toEqual([5, 4])
  })

  it('adds a missing batch dimension of 1', async () => {
    const out = await resolveInputs([nhwc], { data: ramp(60), shape: [4, 5, 3], dtype: 'uint8' })
    expect(out.images!.shape).toEqual([1, 4, 5, 3])
  })

  it('refuses a single tensor for a multi-input model, listing the input names', async () => {
    await expectError(resolveInputs([nhwc, vector], ramp(60)), InputMismatchError, {
      code: 'E_INPUT_MISMATCH',
      message: /2 inputs \("images", "x"\)/,
    })
  })

  it('accepts a Uint8ClampedArray as uint8', async () => {
    const out = await resolveInputs([nhwc], new Uint8ClampedArray(60) as never)
    expect(out.images!.data).toBeInstanceOf(Uint8Array)
  })

  it('refuses a typed array with no tensor dtype', async () => {
    await expect(resolveInputs([nhwc], new Uint32Array(60) as never)).rejects.toThrow(InputMismatchError)
  })

  it('refuses a source of the wrong kind, pointing at syntheticInputs', async () => {
    await expect(resolveInputs([nhwc], 42 as never)).rejects.toThrow(InvalidArgumentError)
    await expect(resolveInputs([nhwc], undefined as never)).rejects.toThrow(/syntheticInputs/)
  })

  it('refuses unknown option keys', async () => {
    await expect(resolveInputs([nhwc], ramp(60), { imgae: {} } as never)).rejects.toThrow(/Unknown key "imgae"/)
  })
})

describe('resolveInputs: tensors that do not hold together', () => {
  it('refuses a dtype that disagrees with the data', async () => {
    await expect(
      resolveInputs([nhwc], { data: ramp(60), shape: [1, 4, 5, 3], dtype: 'float32' } as never),
    ).rejects.toThrow(/dtype says "float32" but its data is Uint8Array/)
  })

  it('refuses a shape whose element count is not the data length', async () => {
    await expect(resolveInputs([nhwc], { data: ramp(60), shape: [1, 4, 5, 4], dtype: 'uint8' })).rejects.toThrow(
      /holds 80 elements but its data has 60/,
    )
  })

  it('refuses a shape with negative or fractional sizes', async () => {
    await expect(resolveInputs([nhwc], { data: ramp(60), shape: [-1, 60], dtype: 'uint8' })).rejects.toThrow(
      /array of non-negative integers/,
    )
  })
})

describe('resolveInputs: records by input name', () => {
  const infos = [nhwc, vector]
  it('resolves every input of a multi-input model', async () => {
    const out = await resolveInputs(infos, { images: ramp(60), x: new Float32Array(4) })
    expect(Object.keys(out)).toEqual(['images', 'x'])
    expect(out.x!.shape).toEqual([1, 4])
  })

  it('refuses an unknown name, listing the valid ones', async () => {
    await expectError(
      resolveInputs(infos, { images: ramp(60), x: new Float32Array(4), imgs: ramp(1) }),
      UnknownNameError,
      { code: 'E_UNKNOWN_INPUT', message: /Unknown input name "imgs": the model's inputs are "images", "x"/ },
    )
  })

  it('refuses a record that misses an input', async () => {
    await expect(resolveInputs(infos, { images: ramp(60) })).rejects.toThrow(/Missing input "x"/)
  })
})

describe('resolveInputs: layout', () => {
  it('transposes NHWC data for an NCHW model when only the transposed shape fits', async () => {
    const data = new Float32Array(60).map((_, i) => i)
    const out = await resolveInputs([nchwFloat], { data, shape: [1, 4, 5, 3], dtype: 'float32' })
    const t = out.pixels!
    expect(t.shape).toEqual([1, 3, 4, 5])
    // NCHW[c][h][w] = NHWC[h][w][c] = (h*5 + w)*3 + c
    expect(t.data[1 * 20 + 2 * 5 + 3]).toBe((2 * 5 + 3) * 3 + 1)
  })

  it('transposes NCHW data for an NHWC model and converts uint8 in the same pass', async () => {
    const info: TensorInfo = { ...nhwc, dtype: 'float32' }
    const data = ramp(60)
    const out = await resolveInputs([info], { data, shape: [3, 4, 5], dtype: 'uint8' })
    const t = out.images!
    expect(t).toMatchObject({ shape: [1, 4, 5, 3], dtype: 'float32' })
    expect(t.data).toBeInstanceOf(Float32Array)
    // NHWC[h][w][c] = NCHW[c][h][w]
    expect(t.data[(2 * 5 + 4) * 3 + 2]).toBe(data[2 * 20 + 2 * 5 + 4])
  })

  it('keeps a shape that fits as given even when its transposition would too', async () => {
    const info: TensorInfo = { name: 'cube', shape: [1, 3, 3, 3], dtype: 'uint8', layout: 'NHWC' }
    const data = ramp(27)
    const out = await resolveInputs([info], { data, shape: [1, 3, 3, 3], dtype: 'uint8' })
    expect(out.cube!.data).toBe(data)
  })

  it('refuses a size that fits neither layout, with both shapes and counts', async () => {
    await expectError(
      resolveInputs([nhwc], { data: ramp(72), shape: [1, 4, 6, 3], dtype: 'uint8' }),
      InputMismatchError,
      { message: /expected \[1, 4, 5, 3\] but received \[1, 4, 6, 3\].*expected 60 elements, received 72/ },
    )
  })
})

describe('resolveInputs: dtype', () => {
  it('converts uint8 to float32 exactly', async () => {
    const out = await resolveInputs([nchwFloat], { data: ramp(60), shape: [1, 3, 4, 5], dtype: 'uint8' })
    expect(Array.from(out.pixels!.data as Float32Array)).toEqual(Array.from(ramp(60)))
    expect(out.pixels!.dtype).toBe('float32')
  })

  it('never converts float32 to uint8, explaining the field bug and what to do', async () => {
    const data = new Float32Array(60).fill(0.5)
    await expectError(resolveInputs([nhwc], { data, shape: [1, 4, 5, 3], dtype: 'float32' }), InputMismatchError, {
      code: 'E_INPUT_MISMATCH',
      message: [
        /expected uint8 but received float32/,
        /never converts float to uint8/,
        /0–1 become 0 or 1/,
        /format: 'float32'/,
        /not all whole numbers/,
      ],
    })
  })

  it('says when float data would convert to uint8 exactly, and still refuses it', async () => {
    await expectError(resolveInputs([nhwc], new Float32Array(60).fill(7)), InputMismatchError, {
      message: /all whole numbers in 0–255/,
    })
  })

  it('accepts float64 for float32 only when every value converts exactly', async () => {
    const exact = new Float64Array(60).fill(0.5)
    const out = await resolveInputs([nchwFloat], exact)
    expect(out.pixels!.data).toBeInstanceOf(Float32Array)
    const inexact = new Float64Array(60).fill(0.5)
    inexact[7] = 0.1
    await expect(resolveInputs([nchwFloat], inexact)).rejects.toThrow(
      /value 0.1 at index \[0, 0, 1, 2\] has no exact float32/,
    )
  })

  it('refuses other conversions, listing what the input accepts', async () => {
    const info: TensorInfo = { name: 'ids', shape: [4], dtype: 'uint16', layout: 'other' }
    await expect(resolveInputs([info], new Uint8Array(4))).rejects.toThrow(
      /expected uint16 but received uint8.*accepts only uint16/,
    )
  })

  it('widens int32 to int64 exactly', async () => {
    const info: TensorInfo = { name: 'ids', shape: [3], dtype: 'int64', layout: 'other' }
    const out = await resolveInputs([info], new Int32Array([1, -2, 2147483647]))
    expect(Array.from(out.ids!.data as BigInt64Array)).toEqual([1n, -2n, 2147483647n])
  })
})

describe('resolveInputs: non-finite floats', () => {
  it('reports the first NaN / Infinity with its multi-dimensional index and the count', async () => {
    const data = new Float32Array(60)
    data[23] = Number.NaN
    data[40] = Number.POSITIVE_INFINITY
    data[41] = Number.NEGATIVE_INFINITY
    const error = await expectError(
      resolveInputs([nchwFloat], { data, shape: [1, 3, 4, 5], dtype: 'float32' }),
      NonFiniteInputError,
      {
        code: 'E_INPUT_NON_FINITE',
        message: /received 3 non-finite values of 60; the first is NaN at index \[0, 1, 0, 3\]/,
      },
    )
    expect(error.index).toBe(23)
  })

  it('reports the index in the shape the caller gave, before any transposition', async () => {
    const data = new Float32Array(60)
    data[59] = Number.NEGATIVE_INFINITY
    await expect(resolveInputs([nchwFloat], { data, shape: [4, 5, 3], dtype: 'float32' })).rejects.toThrow(
      /-Infinity at index \[3, 4, 2\]/,
    )
  })
})

describe('resolveInputs: paths', () => {
  const cube: TensorInfo = { name: 'cube', shape: [2, 3, 4], dtype: 'float32', layout: 'other' }
  const scene: TensorInfo = { name: 'images', shape: [1, 20, 24, 3], dtype: 'uint8', layout: 'NHWC' }

  it('reads a .npy path', async () => {
    const out = await resolveInputs([cube], testdata('f4-c.npy'))
    expect(out.cube).toMatchObject({ shape: [2, 3, 4], dtype: 'float32' })
    expect(out.cube!.data[5]).toBe(5 / 4 - 1)
  })

  it('loads an image path with the image options given', async () => {
    const out = await resolveInputs([scene], testdata('scene-40x30.png'), { image: { resize: 'cv2-bilinear' } })
    const golden = (await readNpy(testdata('cv2-scene-24x20-rgb.npy'))).data
    expect(Buffer.from(out.images!.data as Uint8Array).equals(Buffer.from(golden as Uint8Array))).toBe(true)
  })

  it('takes paths inside a record by input name', async () => {
    const out = await resolveInputs([scene, cube], { images: testdata('scene-40x30.png'), cube: testdata('f4-c.npy') })
    expect(out.images!.shape).toEqual([1, 20, 24, 3])
    expect(out.cube!.shape).toEqual([2, 3, 4])
  })

  it('names the file in a dtype error about a .npy', async () => {
    const info: TensorInfo = { ...cube, dtype: 'uint8' }
    await expect(resolveInputs([info], testdata('f4-c.npy'))).rejects.toThrow(
      /received float32 data \(shape \[2, 3, 4\], from ".*f4-c\.npy"\)/,
    )
  })

  it('names the file when a .npy holds NaN', async () => {
    const p = join(dir, 'nan.npy')
    const data = new Float32Array(24)
    data[13] = Number.NaN
    await writeNpy(p, { data, shape: [2, 3, 4], dtype: 'float32' })
    await expect(resolveInputs([cube], p)).rejects.toThrow(
      /NaN at index \[1, 0, 1\] \(flat 13\) of the received shape \[2, 3, 4\], from ".*nan\.npy"/,
    )
  })

  it('refuses a missing .npy or image with InputFileError', async () => {
    await expect(resolveInputs([cube], join(dir, 'missing.npy'))).rejects.toThrow(InputFileError)
    await expect(resolveInputs([scene], join(dir, 'missing.jpg'))).rejects.toThrow(InputFileError)
  })
})
