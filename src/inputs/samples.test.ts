import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { FileError, InvalidArgumentError } from '../errors.js'
import { displayPath, listSamples, loadsImages } from './samples.js'
import { expectError } from '../../test/support/expect-error.js'

const images = new URL('../../examples/images/', import.meta.url).pathname
const tensor = { data: new Float32Array(4), shape: [1, 4], dtype: 'float32' as const }

describe('listSamples', () => {
  test('no input at all is one synthetic sample', async () => {
    expect(await listSamples({})).toEqual([{ label: 'synthetic', source: undefined }])
  })
  test('input is one sample, whatever its form (a record by input name too), labelled by what it is', async () => {
    expect(await listSamples({ input: `${images}sun.png` })).toEqual([
      { label: 'examples/images/sun.png', source: `${images}sun.png` },
    ])
    expect(await listSamples({ input: { a: tensor, b: 'x.npy' } })).toEqual([
      { label: '{ a: tensor, b: x.npy }', source: { a: tensor, b: 'x.npy' } },
    ])
    expect((await listSamples({ input: tensor }))[0]!.label).toBe('tensor')
    expect((await listSamples({ input: new Uint8Array(2) }))[0]!.label).toBe('typed array')
  })
  test('an array of inputs is that many samples, labelled by path or position', async () => {
    const samples = await listSamples({ inputs: [`${images}sun.png`, tensor, new Uint8Array(4), { x: tensor }] })
    expect(samples.map((s) => s.label)).toEqual([
      'examples/images/sun.png',
      'sample 2 (tensor)',
      'sample 3 (typed array)',
      'sample 4 { x: tensor }',
    ])
  })
  test('a folder is its images and .npy files in name order, other files ignored', async () => {
    const samples = await listSamples({ inputs: images })
    expect(samples.map((s) => s.label)).toEqual([
      'examples/images/checkerboard-gray.png',
      'examples/images/checkerboard.png',
      'examples/images/flag-exif-rotated.jpg',
      'examples/images/rings.jpg',
      'examples/images/stripes.jpg',
      'examples/images/sun-alpha.png',
      'examples/images/sun.png',
      'examples/images/sunset.png',
    ])
    expect(samples[0]!.source).toBe(join(images, 'checkerboard-gray.png'))
  })

  describe('refuses, naming what to do instead', () => {
    test('input and inputs together', async () => {
      const error = await expectError(listSamples({ input: tensor, inputs: [tensor] }), InvalidArgumentError)
      expect(error.message).toBe(
        'Give either input (one sample) or inputs (several samples: an array of inputs, or a folder), not both.',
      )
    })
    test('a record by input name in inputs: that is one sample, input', async () => {
      await expect(listSamples({ inputs: { x: tensor } as never })).rejects.toThrow(
        /inputs takes several samples .* received a record by input name, which is one sample: pass it as input instead/,
      )
    })
    test('one file in inputs', async () => {
      await expect(listSamples({ inputs: `${images}sun.png` })).rejects.toThrow(
        new RegExp(`is a file, not a folder\\. .*for one sample use input: "${images}sun\\.png"`),
      )
    })
    test('a tensor, a typed array or a number in inputs', async () => {
      await expect(listSamples({ inputs: tensor as never })).rejects.toThrow(
        /Expected an array of inputs or a folder path for inputs .*for one sample use input/,
      )
      await expect(listSamples({ inputs: new Float32Array(4) as never })).rejects.toThrow(InvalidArgumentError)
      await expect(listSamples({ inputs: 3 as never })).rejects.toThrow(/received 3/)
    })
    test('an empty array, and a missing entry', async () => {
      await expect(listSamples({ inputs: [] })).rejects.toThrow(
        'Expected at least one sample in inputs but received an empty array.',
      )
      await expect(listSamples({ inputs: [tensor, undefined as never] })).rejects.toThrow(
        /Expected an input for inputs\[1\] but received undefined/,
      )
    })
    test('a folder that does not exist, or holds no samples', async () => {
      const missing = await expectError(listSamples({ inputs: `${images}nope/` }), FileError)
      expect(missing.message).toMatch(/Could not list the input folder ".*nope\/" \(ENOENT\)/)
      await expect(listSamples({ inputs: new URL('../parity/testdata/', import.meta.url).pathname })).rejects.toThrow(
        /holds no samples: expected files ending in \.png/,
      )
    })
  })
})

describe('displayPath', () => {
  test('relative to the working directory inside it, absolute outside', () => {
    expect(displayPath(join(process.cwd(), 'a', 'b.png'))).toBe(join('a', 'b.png'))
    expect(displayPath('/elsewhere/b.png')).toBe('/elsewhere/b.png')
    expect(displayPath('rel/b.png')).toBe('rel/b.png')
  })
})

describe('loadsImages', () => {
  test('an image path, or a record by input name holding one, loads images; .npy, tensors and arrays do not', () => {
    expect(loadsImages('images/cat.PNG')).toBe(true)
    expect(loadsImages('x.npy')).toBe(false)
    expect(loadsImages({ data: 'cat.jpg' })).toBe(true) // an ONNX input named "data"
    expect(loadsImages({ image: 'cat.webp', mask: new Uint8Array(4) })).toBe(true)
    expect(loadsImages({ data: new Uint8Array(3), shape: [3], dtype: 'uint8' })).toBe(false)
    expect(loadsImages(new Float32Array(3))).toBe(false)
    expect(loadsImages(undefined)).toBe(false)
  })
})
