/**
 * `--input <file|folder>`: one image or `.npy` file becomes the engines' `input`, a folder their
 * `inputs` (every image and `.npy` in it, in name order, each a sample of its own).
 * @packageDocumentation
 */
import { stat } from 'node:fs/promises'
import { listSamples, type SampleSource } from '../inputs/samples.js'

/** What `--input` becomes in the engines' options. */
export type InputChoice = { readonly input?: string; readonly inputs?: string }

/**
 * The engine options for `--input`; `{}` (a seeded synthetic input) when absent. A path that does not
 * exist is passed as `input`, so the engine's own error names it.
 * @example
 * ```ts
 * await inputOption('images/') // { inputs: 'images/' }
 * ```
 */
export async function inputOption(path: string | undefined): Promise<InputChoice> {
  if (path === undefined) return {}
  const isFolder = await stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  )
  return isFolder ? { inputs: path } : { input: path }
}

/**
 * The samples `--input` stands for, to count the work ahead (the engines list them again).
 * @example
 * ```ts
 * (await samplesOf({ inputs: 'images/' })).length // 8
 * ```
 */
export function samplesOf(choice: InputChoice): Promise<SampleSource[]> {
  return listSamples(choice)
}
