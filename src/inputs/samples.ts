/**
 * The samples a check runs on, as every matcher spells them: `input` is one sample, `inputs` is several
 * (an array, or a folder of images and `.npy` files), and neither means one seeded synthetic input.
 * One meaning per name, shared by `toBeDeterministicAcross` and `toMatchOnnxWithin`.
 * @packageDocumentation
 */
import { readdir, stat } from 'node:fs/promises'
import { extname, isAbsolute, join, relative } from 'node:path'
import type { InputSource } from '../device/types.js'
import { FileError, InvalidArgumentError } from '../errors.js'
import { describeValue } from '../validate.js'

/**
 * Several samples: an array of inputs (each anything `input` accepts), or the path of a folder whose
 * images and `.npy` files are taken in name order.
 */
export type InputSamples = readonly InputSource[] | string

/** Extensions a folder of samples is read for (lower case). */
export const SAMPLE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp', '.gif', '.tif', '.tiff', '.avif', '.npy'] as const

/** One sample to run, or `source: undefined` for "a seeded synthetic input". */
export interface SampleSource {
  /** What the sample is, for messages: a path, `tensor` (or `sample 2 (tensor)` among several), `synthetic`. */
  readonly label: string
  readonly source: InputSource | undefined
}

/**
 * A path as short as it is unambiguous: relative to the working directory when inside it.
 * @example
 * ```ts
 * displayPath(`${process.cwd()}/images/cat.png`) // 'images/cat.png'
 * ```
 */
export function displayPath(path: string): string {
  if (!isAbsolute(path)) return path
  const rel = relative(process.cwd(), path)
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel
}

/** A path as itself; anything else by its kind, prefixed with its position among several samples. */
function labelOf(source: InputSource, index?: number): string {
  if (typeof source === 'string') return displayPath(source)
  const at = index === undefined ? '' : `sample ${index + 1} `
  if (ArrayBuffer.isView(source)) return index === undefined ? 'typed array' : `${at}(typed array)`
  if ('data' in source && ArrayBuffer.isView(source.data)) return index === undefined ? 'tensor' : `${at}(tensor)`
  const fields = Object.entries(source).map(([k, v]) => `${k}: ${typeof v === 'string' ? displayPath(v) : 'tensor'}`)
  return `${at}{ ${fields.join(', ')} }`
}

async function listFolder(folder: string): Promise<SampleSource[]> {
  let names: string[]
  try {
    names = await readdir(folder)
  } catch (error) {
    const code = (error as { code?: string }).code ?? String(error)
    throw new FileError(
      'E_INPUT_FOLDER',
      folder,
      `Could not list the input folder ${JSON.stringify(folder)} (${code}). inputs takes several samples: an array of inputs, or a folder of images and .npy files.`,
      { cause: error },
    )
  }
  const files = names.filter((n) => (SAMPLE_EXTENSIONS as readonly string[]).includes(extname(n).toLowerCase())).sort()
  if (files.length === 0) {
    throw new FileError(
      'E_INPUT_FOLDER',
      folder,
      `The input folder ${JSON.stringify(folder)} holds no samples: expected files ending in ${SAMPLE_EXTENSIONS.join(', ')}.`,
    )
  }
  return files.map((f) => ({ label: displayPath(join(folder, f)), source: join(folder, f) }))
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

/**
 * The samples `input` / `inputs` describe, in order: `[input]`, the array, the folder's files in name
 * order, or one synthetic sample (`source: undefined`) when neither is given. Folders are listed, not
 * read: each sample is resolved when its turn comes, so memory does not grow with the dataset.
 *
 * @throws {@link InvalidArgumentError} when both are given, `inputs` is empty, holds a missing entry,
 * or is a record by input name (that is one sample: `input`); {@link FileError} for a folder that is a
 * file, cannot be listed or holds no samples.
 * @example
 * ```ts
 * await listSamples({ inputs: 'images/' }) // [{ label: 'images/cat.png', source: 'images/cat.png' }, …]
 * await listSamples({})                     // [{ label: 'synthetic', source: undefined }]
 * ```
 */
export async function listSamples(options: {
  readonly input?: InputSource
  readonly inputs?: InputSamples
}): Promise<SampleSource[]> {
  const { input, inputs } = options
  if (input !== undefined && inputs !== undefined) {
    throw new InvalidArgumentError(
      'Give either input (one sample) or inputs (several samples: an array of inputs, or a folder), not both.',
    )
  }
  if (inputs === undefined) return [{ label: input === undefined ? 'synthetic' : labelOf(input), source: input }]
  if (typeof inputs === 'string') {
    if (await isFile(inputs)) {
      throw new InvalidArgumentError(
        `inputs ${JSON.stringify(inputs)} is a file, not a folder. inputs takes several samples (an array, or a folder); for one sample use input: ${JSON.stringify(inputs)}.`,
      )
    }
    return listFolder(inputs)
  }
  if (Array.isArray(inputs)) {
    if (inputs.length === 0)
      throw new InvalidArgumentError('Expected at least one sample in inputs but received an empty array.')
    return inputs.map((s: InputSource, i) => {
      if (s === undefined || s === null)
        throw new InvalidArgumentError(`Expected an input for inputs[${i}] but received ${describeValue(s)}.`)
      return { label: labelOf(s, i), source: s }
    })
  }
  if (inputs !== null && typeof inputs === 'object' && !ArrayBuffer.isView(inputs) && !('data' in inputs)) {
    throw new InvalidArgumentError(
      'inputs takes several samples (an array of inputs, or a folder) but received a record by input name, which is one sample: pass it as input instead.',
    )
  }
  throw new InvalidArgumentError(
    `Expected an array of inputs or a folder path for inputs (several samples) but received ${describeValue(inputs)}; for one sample use input.`,
  )
}

/**
 * True when `source` (one sample, or a record by input name) names an image file that
 * {@link loadImage} would decode, so the image options shaped the tensors.
 * @example
 * ```ts
 * loadsImages('images/cat.png') // true
 * loadsImages({ image: 'cat.npy', mask: new Uint8Array(4) }) // false
 * ```
 */
export function loadsImages(source: unknown): boolean {
  if (typeof source === 'string') return isImageFile(source)
  if (source === null || typeof source !== 'object' || ArrayBuffer.isView(source)) return false
  // A tensor { data, shape, dtype } holds no path; a record by input name may (an input may be named "data").
  const t = source as { data?: unknown; shape?: unknown }
  if (ArrayBuffer.isView(t.data) && Array.isArray(t.shape)) return false
  return Object.values(source).some((v) => typeof v === 'string' && isImageFile(v))
}

function isImageFile(path: string): boolean {
  const lower = path.toLowerCase()
  return SAMPLE_EXTENSIONS.some((e) => e !== '.npy' && lower.endsWith(e))
}
