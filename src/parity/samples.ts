/**
 * The samples of a parity check: one input, a list, a folder of images and `.npy` files, or a seeded
 * synthetic input when nothing is given.
 * @packageDocumentation
 */
import { readdir, stat } from 'node:fs/promises'
import { extname, isAbsolute, join, relative } from 'node:path'
import type { InputSource } from '../device/types.js'
import { FileError, InvalidArgumentError } from '../errors.js'
import { describeValue } from '../validate.js'
import type { ParityOptions } from './types.js'

/** Extensions a folder of samples is read for (lower case). */
export const SAMPLE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp', '.gif', '.tif', '.tiff', '.avif', '.npy'] as const

/** One sample to run, or `undefined` for "a synthetic input". */
export interface SampleSource {
  readonly label: string
  readonly source: InputSource | undefined
}

/** A path as short as it is unambiguous: relative to the working directory when inside it. */
export function displayPath(path: string): string {
  if (!isAbsolute(path)) return path
  const rel = relative(process.cwd(), path)
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel
}

function labelOf(source: InputSource, index: number): string {
  if (typeof source === 'string') return displayPath(source)
  if (ArrayBuffer.isView(source)) return `sample ${index + 1} (typed array)`
  if ('data' in source && ArrayBuffer.isView(source.data)) return `sample ${index + 1} (tensor)`
  const fields = Object.entries(source).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : 'tensor'}`)
  return `sample ${index + 1} { ${fields.join(', ')} }`
}

async function listFolder(folder: string): Promise<SampleSource[]> {
  let names: string[]
  try {
    names = await readdir(folder)
  } catch (error) {
    throw new FileError('E_INPUT_FOLDER', folder, `Could not list the input folder ${JSON.stringify(folder)} (${(error as { code?: string }).code ?? String(error)}).`, { cause: error })
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

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}

/**
 * The samples `options.input` / `options.inputs` describe, in order.
 * @throws {@link InvalidArgumentError} when both are given or `inputs` is empty; {@link FileError} for a
 * folder that cannot be listed or holds no samples.
 */
export async function sampleSources(options: Pick<ParityOptions, 'input' | 'inputs'>): Promise<SampleSource[]> {
  const { input, inputs } = options
  if (input !== undefined && inputs !== undefined) {
    throw new InvalidArgumentError('Give either input (one sample) or inputs (several samples, or a folder), not both.')
  }
  if (inputs === undefined) return [{ label: input === undefined ? 'synthetic' : labelOf(input, 0), source: input }]
  if (typeof inputs === 'string') {
    if (await isFolder(inputs)) return listFolder(inputs)
    return [{ label: displayPath(inputs), source: inputs }]
  }
  if (Array.isArray(inputs)) {
    if (inputs.length === 0) throw new InvalidArgumentError('Expected at least one sample in inputs but received an empty array.')
    return inputs.map((s: InputSource, i) => {
      if (s === undefined || s === null) throw new InvalidArgumentError(`Expected an input for inputs[${i}] but received ${describeValue(s)}.`)
      return { label: labelOf(s, i), source: s }
    })
  }
  if (typeof inputs === 'object' && inputs !== null) return [{ label: labelOf(inputs as InputSource, 0), source: inputs as InputSource }]
  throw new InvalidArgumentError(`Expected an array of inputs, a folder path or a record by input name for inputs but received ${describeValue(inputs)}.`)
}
