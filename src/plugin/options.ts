/**
 * The options of `hailo({...})`, validated in the main process before any worker starts, so a typo
 * fails the run at once with a message that names the option instead of failing every test.
 * @packageDocumentation
 */
import { DEFAULT_CONFIG, DEVICE_ENV, type HailoConfig } from '../config.js'
import { validateHealthPolicy, type HealthPolicy } from '../health/policy.js'
import { validateImageOptions, type ImageOptions } from '../inputs/image.js'
import { assertInteger, assertKnownKeys, invalidParameter } from '../validate.js'

/** Options of the Vitest plugin `hailo()`. Every field is optional. */
export interface HailoPluginOptions {
  /**
   * Device spec of the `device` fixture: `'auto'`, `'onnx'`, `'emulator'`, `'hailo'`, `'hailo:<bdf>'`,
   * `'faulty:<fault>[,seed=N]'`. `VITEST_HAILO_DEVICE` wins over it.
   * @defaultValue `'auto'`
   */
  readonly device?: string
  /** Default number of runs of `toBeDeterministicAcross()` when a test gives none. @defaultValue 20 */
  readonly runs?: number
  /**
   * Default number of generated cases per property of `toSurviveFuzzing()` when a test gives no `numRuns`.
   * @defaultValue 50
   */
  readonly fuzzRuns?: number
  /** Seed of every synthetic input of the run (otherwise `VITEST_HAILO_SEED`, else fresh and printed). */
  readonly seed?: number
  /**
   * What the `device` fixture does when the device cannot be opened: `'skip'` the test, with the
   * reason as the skip note, or `'fail'` it with the error. @defaultValue `'fail'`
   */
  readonly onMissingDevice?: 'skip' | 'fail'
  /**
   * Root folder of failure artifacts, relative to the working directory. `VITEST_HAILO_ARTIFACTS` wins. @defaultValue
   * `'.vitest-hailo/artifacts'`
   */
  readonly artifactsDir?: string
  /**
   * How image paths are loaded run-wide (`infer`, `toBeDeterministicAcross`, `toMatchOnnxWithin`), e.g.
   * `{ resize: 'cv2-bilinear', channels: 'bgr' }` when goldens were made with OpenCV (see `loadImage`).
   * A test's own `image` option replaces it. @defaultValue `loadImage`'s defaults (sharp, lanczos3, RGB)
   */
  readonly image?: ImageOptions
  /**
   * The run report (`report.json` and a self-contained `report.html`, see `vitest-hailo/reporter`):
   * `false` turns it off, `{ dir }` moves it (relative to the Vitest root).
   * @defaultValue `{ dir: '.vitest-hailo/report' }`
   */
  readonly report?: false | { readonly dir?: string }
  /**
   * Judge the board each check on the chip ran on: `maxTemperatureC` (hotter fails the check) and
   * `onEvent` (`'fail'`: an ECC, run-time error, over-current, data-flow shutdown or temperature alarm
   * during the check fails it; `'warn'`: printed only). Such a check fails with `BoardHealthError` — the
   * board, neither the test nor the model — so a CI gate can quarantine the board. Devices without a
   * board (onnx, emulator) are never judged. See docs/health.md.
   * @defaultValue none: board health is reported in results and messages, never judged
   */
  readonly health?: HealthPolicy
}

const OPTION_KEYS = [
  'device',
  'runs',
  'fuzzRuns',
  'seed',
  'onMissingDevice',
  'artifactsDir',
  'image',
  'report',
  'health',
] as const

/**
 * Validate the plugin options and fill in the defaults: the serializable configuration workers receive.
 * @example
 * ```ts
 * resolvePluginOptions({ device: 'onnx' }) // { device: 'onnx', runs: 20, onMissingDevice: 'fail', artifactsDir:
 * '.vitest-hailo/artifacts' }
 * ```
 */
export function resolvePluginOptions(options: HailoPluginOptions = {}): HailoConfig {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw invalidParameter('hailo() options', 'an object', options)
  }
  assertKnownKeys('hailo() options', options, OPTION_KEYS)
  const { device, runs, fuzzRuns, seed, onMissingDevice, artifactsDir, image } = options
  if (device !== undefined && (typeof device !== 'string' || device.trim() === '')) {
    throw invalidParameter('device', "a device spec string such as 'auto', 'onnx' or 'hailo'", device)
  }
  if (runs !== undefined) assertInteger('runs', runs, 1)
  if (fuzzRuns !== undefined) assertInteger('fuzzRuns', fuzzRuns, 1)
  if (seed !== undefined) assertInteger('seed', seed, 0, 0xffffffff)
  if (onMissingDevice !== undefined && onMissingDevice !== 'skip' && onMissingDevice !== 'fail') {
    throw invalidParameter('onMissingDevice', "'skip' or 'fail'", onMissingDevice)
  }
  if (artifactsDir !== undefined && (typeof artifactsDir !== 'string' || artifactsDir === '')) {
    throw invalidParameter('artifactsDir', 'a folder path', artifactsDir)
  }
  if (image !== undefined) validateImageOptions(image, 'hailo() option image')
  resolveReportOption(options.report)
  const health =
    options.health === undefined ? undefined : validateHealthPolicy(options.health, 'hailo() option health')
  return {
    device: device ?? DEFAULT_CONFIG.device,
    runs: runs ?? DEFAULT_CONFIG.runs,
    ...(fuzzRuns === undefined ? {} : { fuzzRuns }),
    ...(seed === undefined ? {} : { seed }),
    onMissingDevice: onMissingDevice ?? DEFAULT_CONFIG.onMissingDevice,
    artifactsDir: artifactsDir ?? DEFAULT_CONFIG.artifactsDir,
    ...(image === undefined ? {} : { image }),
    ...(health === undefined ? {} : { health }),
  }
}

/**
 * True when the spec names one physical chip held exclusively (`hailo`, `hailo:<bdf>`, with any
 * parameters), which only one process may hold at a time. Through HailoRT's multi-process service
 * (`hailo,multiProcess=1`) processes share the chip, so files may run in parallel. The
 * environment's device wins, as it does in the workers.
 * @example
 * ```ts
 * holdsPhysicalChip('hailo:0001:01:00.0,lockTimeoutMs=5000') // true
 * holdsPhysicalChip('hailo,multiProcess=1') // false
 * ```
 */
export function holdsPhysicalChip(device: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const [head = '', ...params] = (env[DEVICE_ENV] || device).trim().split(',')
  if (head !== 'hailo' && !head.startsWith('hailo:')) return false
  return !params.includes('multiProcess=1')
}

/**
 * The reporter's options from the plugin's `report` option, or `false` when the report is off.
 * @example
 * ```ts
 * resolveReportOption(undefined) // {}
 * resolveReportOption({ dir: 'out/report' }) // { dir: 'out/report' }
 * ```
 */
export function resolveReportOption(report: HailoPluginOptions['report']): false | { readonly dir?: string } {
  if (report === undefined) return {}
  if (report === false) return false
  if (report === null || typeof report !== 'object' || Array.isArray(report)) {
    throw invalidParameter('report', "false or an object such as { dir: '.vitest-hailo/report' }", report)
  }
  assertKnownKeys('hailo() option report', report, ['dir'] as const)
  if (report.dir !== undefined && (typeof report.dir !== 'string' || report.dir.trim() === '')) {
    throw invalidParameter('report.dir', 'a folder path', report.dir)
  }
  return report.dir === undefined ? {} : { dir: report.dir }
}
