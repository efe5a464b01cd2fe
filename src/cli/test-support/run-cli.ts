/**
 * Test support for the CLI: run it in-process and collect what it wrote, and the example models and
 * images the commands are tried on.
 * @packageDocumentation
 */
import { fileURLToPath } from 'node:url'
import { runCli } from '../run.js'

/** What one CLI invocation wrote and returned. */
export interface CliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/**
 * Run `vitest-hailo ...argv` in this process (stderr not a terminal unless `interactive`).
 * @example
 * ```ts
 * const { code, stdout } = await cli('check', MODEL, '--runs', '3')
 * ```
 */
export async function cli(...argv: string[]): Promise<CliRun> {
  return cliWith({}, ...argv)
}

/** {@link cli} with stderr claimed to be a terminal or not. */
export async function cliWith(options: { interactive?: boolean }, ...argv: string[]): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (s) => {
      stdout += s
    },
    stderr: (s) => {
      stderr += s
    },
    interactive: options.interactive === true,
  })
  return { code, stdout, stderr }
}

const examples = (path: string): string => fileURLToPath(new URL(`../../../examples/${path}`, import.meta.url))

/** The float classifier (NCHW, ImageNet-normalized input). */
export const CLASSIFIER = examples('models/convnext-tiny.onnx')
/** The same classifier rewritten (LayerNorm decomposed): within 1e-5 of {@link CLASSIFIER}. */
export const DECOMPOSED = examples('models/convnext-tiny-decomposed-ln.onnx')
/** The classifier taking raw uint8 NHWC pixels, as a compiled model does. */
export const UINT8_CLASSIFIER = examples('models/convnext-tiny-uint8-nhwc.onnx')
/** One image. */
export const SUN = examples('images/sun.png')
/** A folder of 8 images. */
export const IMAGES = examples('images')
