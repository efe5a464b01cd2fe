/**
 * `vitest-hailo/matchers`: importing this module registers every vitest-hailo matcher with
 * `expect.extend` and brings their TypeScript types.
 *
 * @example
 * ```ts
 * import 'vitest-hailo/matchers'   // or list it in `setupFiles`; the plugin does it for you
 * await expect(hef).toBeDeterministicAcross(50, { input: 'cat.png' })
 * ```
 * @packageDocumentation
 */
import { toBeDeterministicAcross, type ToBeDeterministicAcrossOptions } from './to-be-deterministic-across.js'
import { toMatchOnnxWithin, type ToMatchOnnxWithinOptions } from './to-match-onnx-within.js'
import { toMatchStagesWithin, type ToMatchStagesWithinOptions } from './to-match-stages-within.js'
import { toSurviveFuzzing, type ToSurviveFuzzingOptions } from './to-survive-fuzzing.js'
import type { Stages } from '../src/stages/types.js'
import type { ParityReference } from '../src/parity/types.js'
import { registerAsyncMatchers } from './require-await.js'
import type { ModelReceiver } from './model-receiver.js'

export type {
  ToBeDeterministicAcrossOptions,
  ToMatchOnnxWithinOptions,
  ToMatchStagesWithinOptions,
  ToSurviveFuzzingOptions,
}

/**
 * Every matcher this package adds, by name. Importing this module registers them; a custom
 * `expect.extend(hailoMatchers)` would lose the missing-`await` check.
 */
export const hailoMatchers = { toBeDeterministicAcross, toMatchOnnxWithin, toMatchStagesWithin, toSurviveFuzzing }

// Registered so that a call left without `await` fails its test (see require-await.ts).
registerAsyncMatchers(hailoMatchers)

/**
 * The matchers as users call them. Every one runs inferences, so every one is async: always `await` it.
 * `expect(x)` must hold a model (a `LoadedModel` or any `{ inputs, outputs, infer }`): anything else, a
 * promise of one included, is a type error that says what to pass.
 */
export interface HailoMatchers {
  /**
   * Run the model `runs` times (default: the plugin's `runs`, 20) on the same input and pass when every run gives
   * identical output
   * bytes (or outputs within `options.tolerance`). `input` is one sample; `inputs` is several (an array,
   * or a folder of images and `.npy` files), each run `runs` times on its own, and the check fails when
   * any of them is not deterministic. On failure: which samples were not deterministic, the distinct
   * outputs and which runs gave them, top-1 class and confidence per output, the greatest difference and
   * where, the pattern, a flakiness bound, the seed (and what it drove) and the artifact folder.
   * @example
   * ```ts
   * await expect(hef).toBeDeterministicAcross(50, { input: 'cat.png', warmup: 2 })
   * await expect(hef).toBeDeterministicAcross(20, { inputs: 'images/' })
   * await expect(hef).toBeDeterministicAcross(20, { input: 'cat.png', image: { resize: 'cv2-bilinear', channels: 'bgr'
   * } })
   * ```
   */
  toBeDeterministicAcross<S>(
    this: ModelReceiver<S>,
    runs?: number,
    options?: ToBeDeterministicAcrossOptions,
  ): Promise<void>
  /**
   * Run the model and its ONNX reference (onnxruntime-node) on the same input bytes and pass when every
   * output is within `options.tolerance` (every criterion given must hold). Raw uint8 outputs are
   * dequantized, NHWC/NCHW reconciled, and the reference input normalized (`normalization` or `alls`).
   * `input` is one sample; with `inputs` (a list or a folder, as in `toBeDeterministicAcross`), the verdict
   * is over the dataset (`top1: 0.98` = 98 % agree). Image paths are loaded once, with `image` (else the
   * plugin's `image`), and both sides get those pixels.
   * On failure: mismatched k/n, greatest differences and where, what was allowed, the smallest
   * tolerance that would pass, the seed and the artifact folder.
   * @example
   * ```ts
   * await expect(hef).toMatchOnnxWithin('model.onnx', { input: 'cat.png', alls: 'model.alls', tolerance: { top1: true,
   * cosine: 0.99 } })
   * await expect(hef).toMatchOnnxWithin('model.onnx', { inputs: 'images/', image: { resize: 'cv2-bilinear' },
   * tolerance: { top1: 0.98 } })
   * ```
   */
  toMatchOnnxWithin<S>(
    this: ModelReceiver<S>,
    reference: ParityReference,
    options: ToMatchOnnxWithinOptions,
  ): Promise<void>
  /**
   * Which stage of the toolchain first goes wrong: every stage given — the ONNX model, the Dataflow Compiler's
   * full-precision (`native`, SDK_NATIVE) and quantized (`quantized`, SDK_QUANTIZED, or `'emulator'` as an
   * approximation) emulator outputs as `.npy` — and the chip, on the same inputs, each compared with the one
   * before it; passes when every step is within `options.tolerance`. On failure: a table of the steps (error in
   * float and in quantization steps, cosine, top-1) naming the first that breaks (parsing, quantization, or
   * compilation / runtime / host format path). Exporting the `.npy` files: docs/stages.md.
   * @example
   * ```ts
   * await expect(hef).toMatchStagesWithin(
   *   { onnx: 'model.onnx', native: 'dfc/native/', quantized: 'dfc/quantized/' },
   *   { inputs: 'images/', alls: 'model.alls', tolerance: { top1: true, cosine: 0.99 } },
   * )
   * ```
   */
  toMatchStagesWithin<S>(this: ModelReceiver<S>, stages: Stages, options: ToMatchStagesWithinOptions): Promise<void>
  /**
   * Let fast-check search inputs, frame orders and encodings on the model's own device for a case that
   * breaks a ready-made property (`properties`: `repeatable`, `frame-order`, `format-paths`, `encodings`,
   * `parity`; default every one that applies to the device), `numRuns` cases each (default the plugin's
   * `fuzzRuns`, else 50), stopping early when `timeBudgetMs` is spent. On failure: the property, the shrunk
   * counterexample as data, cases run and shrink steps, what differed (greatest difference and where, the
   * classes), the device, the seed, the artifact folder and one line `Replay: VITEST_HAILO_REPLAY=<token>`;
   * that token (in the environment, or as `replay`) runs exactly the failing case first on any machine.
   * @example
   * ```ts
   * await expect(hef).toSurviveFuzzing({ timeBudgetMs: 60_000 })
   * await expect(hef).toSurviveFuzzing({ properties: ['frame-order', 'format-paths'], numRuns: 200, seed: 7 })
   * ```
   */
  toSurviveFuzzing<S>(this: ModelReceiver<S>, options?: ToSurviveFuzzingOptions): Promise<void>
}

/*
 * The type augmentation. Vitest 4 declares `Matchers<T>` and Vitest 5 `Matchers<R, T>`; TypeScript
 * refuses to merge an interface whose type parameters differ (TS2428), so a
 * `declare module 'vitest' { interface Matchers<…> }` that names the subject compiles against one major
 * only (one with no type parameters merges with both but cannot see the subject, and would also offer the
 * matchers as asymmetric `expect.toBeDeterministicAcross(…)`, which they are not). Both majors build
 * `Assertion` from the global `Chai.Assertion` and keep its methods as they are, `this` parameter included,
 * so augmenting it types the matchers identically under 4 and 5, with no error even for consumers who do
 * not skip lib checks; each method's `this` (model-receiver.ts) recovers the subject and refuses a
 * non-model. `matchers.test-d.ts` and `model-receiver.test-d.ts` prove it.
 */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Chai {
    interface Assertion extends HailoMatchers {}
  }
}
