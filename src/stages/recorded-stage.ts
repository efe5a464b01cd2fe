/**
 * Outputs a stage recorded (the Dataflow Compiler emulator's `.npy` exports), found per input sample.
 * @packageDocumentation
 */
import { readdir, stat } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import type { InputSource } from '../device/types.js'
import { UsageError } from '../errors.js'
import { readNpy } from '../inputs/npy.js'
import { displayPath } from '../inputs/samples.js'
import { isRecordedOutputs, recordedModel } from '../parity/recorded.js'
import type { TensorMap } from '../tensor/types.js'
import type { RecordedStage, StageName } from './types.js'

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

/**
 * Check a recorded stage's shape before anything runs: a folder that exists, a record, or one record per sample.
 * @throws {@link UsageError} naming the stage and what it accepts.
 */
export async function checkRecordedStage(name: StageName, stage: RecordedStage, samples: number): Promise<void> {
  if (typeof stage === 'string') {
    if (!(await isDirectory(stage))) {
      throw new UsageError(
        'E_STAGE_FOLDER',
        `The ${name} stage is ${displayPath(stage)}, which is not a folder. Give the folder your .npy exports are in (<sample>.npy or <sample>/<output>.npy per input).`,
      )
    }
    return
  }
  if (Array.isArray(stage)) {
    if (stage.length !== samples || !stage.every(isRecordedOutputs)) {
      throw new UsageError(
        'E_STAGE_SAMPLES',
        `The ${name} stage has ${stage.length} records for ${samples} input samples: give one record of outputs by name (tensors or .npy paths) per sample, in input order.`,
      )
    }
    return
  }
  if (!isRecordedOutputs(stage)) {
    throw new UsageError(
      'E_STAGE_KIND',
      `The ${name} stage must be a folder of .npy files, a record of outputs by name (tensors or .npy paths), or one such record per sample.`,
    )
  }
  if (samples !== 1)
    throw new UsageError(
      'E_STAGE_SAMPLES',
      `The ${name} stage is one record of outputs, but ${samples} input samples were given: give one record per sample, or a folder.`,
    )
}

/**
 * The outputs `stage` recorded for sample `index` (whose input was `source`), by output name. A lone
 * `<sample>.npy` is named after the chip's single output, `soleOutput`.
 */
export async function recordedOutputsFor(
  name: StageName,
  stage: RecordedStage,
  index: number,
  source: InputSource | undefined,
  soleOutput: string | undefined,
): Promise<TensorMap> {
  if (typeof stage !== 'string') {
    const record = Array.isArray(stage) ? stage[index]! : (stage as Exclude<RecordedStage, string | readonly unknown[]>)
    return (await recordedModel(record)).model.infer({})
  }
  if (typeof source !== 'string') {
    throw new UsageError(
      'E_STAGE_SAMPLE_NAME',
      `The ${name} stage is a folder, whose files are named after the input files; sample ${index} is not a file. Give inputs as image / .npy paths, or the stage as records per sample.`,
    )
  }
  const stem = basename(source, extname(source))
  const file = join(stage, `${stem}.npy`),
    folder = join(stage, stem)
  if (soleOutput !== undefined && (await isFile(file))) return { [soleOutput]: await readNpy(file) }
  if (await isDirectory(folder)) {
    const names = (await readdir(folder)).filter((f) => f.endsWith('.npy')).sort()
    const outputs: TensorMap = {}
    for (const f of names) outputs[f.slice(0, -4)] = await readNpy(join(folder, f))
    if (names.length > 0) return outputs
  }
  throw new UsageError(
    'E_STAGE_MISSING_SAMPLE',
    `The ${name} stage has no outputs for sample "${stem}": looked for ${soleOutput === undefined ? '' : `${displayPath(file)} and `}${displayPath(folder)}/<output>.npy. Export every input sample (see docs/stages.md).`,
  )
}
