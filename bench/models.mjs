// The bench's models, built from code by the project's own builders (test/support/onnx), compiled
// with the project's tsc into node_modules/.cache/ exactly as `npm run models` does: one
// implementation, no downloads, the same bytes on every machine.
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = new URL('..', import.meta.url)
let builders

/** The compiled `test/support/onnx` module (compiled once per process). */
export async function modelBuilders() {
  if (builders === undefined) {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
    execFileSync(process.execPath, [tsc, '-p', fileURLToPath(new URL('scripts/models/tsconfig.json', root))], {
      cwd: fileURLToPath(root),
      stdio: 'inherit',
    })
    builders = await import(
      pathToFileURL(fileURLToPath(new URL('node_modules/.cache/vitest-hailo-models/test/support/onnx/index.js', root)))
        .href
    )
  }
  return builders
}

/**
 * A ~2 ms classifier of 1×3×48×192 float32 (PaddleOCR's text-direction `cls` input size): input `x`, outputs `logits`,
 * `probs`.
 */
export async function textClassifier() {
  return (await modelBuilders()).convClassifierModel()
}
