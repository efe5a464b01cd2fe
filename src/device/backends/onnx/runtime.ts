/**
 * The one place that loads onnxruntime-node, lazily and once: importing vitest-hailo never loads
 * it; the first ONNX device, emulator or `describeOnnx` does.
 * @packageDocumentation
 */
import { NativeLibraryError } from '../../../errors.js'
import { errorMessage } from '../../../error-message.js'

/** The onnxruntime-node module. */
export type Ort = typeof import('onnxruntime-node')

let loading: Promise<Ort> | undefined

/**
 * Load onnxruntime-node (memoised). A failure is a {@link NativeLibraryError} saying what to do.
 * @example
 * ```ts
 * const ort = await loadOrt(); console.log(ort.env.versions.node)
 * ```
 */
export function loadOrt(): Promise<Ort> {
  loading ??= import('onnxruntime-node').then(
    (mod) => ((mod as { default?: Ort }).default ?? mod) as Ort,
    (error: unknown) => {
      loading = undefined
      throw new NativeLibraryError(
        `onnxruntime-node could not be loaded: ${errorMessage(error)}\n` +
          'Possible solutions:\n' +
          '  - Install it: npm install onnxruntime-node (set ONNXRUNTIME_NODE_INSTALL=skip to skip its GPU download)\n' +
          '  - Check that its prebuilt binary exists for this platform (node_modules/onnxruntime-node/bin)',
        ['onnxruntime-node'],
        { cause: error },
      )
    },
  )
  return loading
}

/** The onnxruntime version that runs models (the native binding's). */
export function ortVersion(ort: Ort): string {
  return ort.env.versions.node ?? ort.env.versions.common
}
