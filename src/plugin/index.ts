/**
 * `vitest-hailo/plugin`: the Vitest plugin `hailo()`.
 *
 * - adds the package's setup file to `test.setupFiles` (after the user's own), which registers the
 *   matchers and installs the configuration in every worker;
 * - hands the (serializable) configuration to workers through `test.provide` / `inject`;
 * - when the device is one physical chip (`hailo`, `hailo:<bdf>`), turns `fileParallelism` off so one
 *   test process at a time holds it;
 * - sets `testTimeout` to {@link DEFAULT_TEST_TIMEOUT_MS} unless the config sets one;
 * - adds the run report's reporter (`vitest-hailo/reporter`) beside the user's own, unless `report: false`.
 *
 * It uses the Vite `config()` hook with the documented `test.setupFiles`, `test.provide`,
 * `test.fileParallelism` and `test.testTimeout` options, and Vitest's `configureVitest` hook, which runs before Vitest
 * builds
 * its reporters from `vitest.config.reporters` — in 4.1 and 5 alike. Appending there keeps the user's
 * reporters, CLI `--reporter` ones included, where a `test.reporters` from `config()` would replace
 * Vitest's default reporter.
 * @packageDocumentation
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vitest/config'
import { HailoReporter, isHailoReporter } from '../report/run-report/reporter.js'
import { holdsPhysicalChip, resolvePluginOptions, resolveReportOption, type HailoPluginOptions } from './options.js'
import { HAILO_CONFIG_KEY } from './provided.js'

export type { HailoPluginOptions } from './options.js'
export { HAILO_CONFIG_KEY } from './provided.js'

/**
 * The setup file next to this module: `setup.js` in the published package, `setup.ts` in this repository's own tests.
 */
export function setupFilePath(): string {
  const built = fileURLToPath(new URL('./setup.js', import.meta.url))
  return existsSync(built) ? built : fileURLToPath(new URL('./setup.ts', import.meta.url))
}

/** The part of the Vite config the plugin returns from its `config()` hook (merged into the user's). */
export interface HailoTestConfig {
  readonly test: {
    readonly setupFiles: string[]
    readonly provide: Record<string, unknown>
    readonly fileParallelism?: false
    readonly testTimeout?: number
  }
}

/**
 * Vitest's `testTimeout` when the config sets none (Vitest's own default, 5 s, is far too short for
 * hardware checks): 5 minutes, enough for the README's chip example on a 640×480 detector at up to
 * ~1 s an inference — 50 interleaved runs (100 inferences), a 60 s fuzz budget and a 20-image parity
 * folder. A `testTimeout` in the config, `--testTimeout` or a test's own timeout wins; a check the
 * timeout stops still says how far it got (docs/vitest-integration.md).
 */
export const DEFAULT_TEST_TIMEOUT_MS = 300_000

/**
 * `config` plus the default `testTimeout` when the user's config sets none.
 * @example
 * ```ts
 * withDefaultTimeout(pluginConfig(), {}).test.testTimeout // 300000
 * withDefaultTimeout(pluginConfig(), { test: { testTimeout: 20_000 } }).test.testTimeout // undefined: the user's stays
 * ```
 */
export function withDefaultTimeout(
  config: HailoTestConfig,
  user: { readonly test?: { readonly testTimeout?: number } | undefined },
): HailoTestConfig {
  if (user.test?.testTimeout !== undefined) return config
  return { test: { ...config.test, testTimeout: DEFAULT_TEST_TIMEOUT_MS } }
}

/**
 * The config the plugin contributes. Vite merges it into the user's config: arrays concatenate, so
 * the user's own `setupFiles` stay and run first.
 * @example
 * ```ts
 * pluginConfig({ device: 'hailo' }).test.fileParallelism // false
 * ```
 */
export function pluginConfig(options: HailoPluginOptions = {}, env: NodeJS.ProcessEnv = process.env): HailoTestConfig {
  const resolved = resolvePluginOptions(options)
  return {
    test: {
      setupFiles: [setupFilePath()],
      provide: { [HAILO_CONFIG_KEY]: resolved },
      ...(holdsPhysicalChip(resolved.device, env) ? { fileParallelism: false as const } : {}),
    },
  }
}

/**
 * The Vitest plugin. Options are validated at once (a typo fails the run before any test starts).
 * @example
 * ```ts
 * // vitest.config.ts
 * import { defineConfig } from 'vitest/config'
 * import { hailo } from 'vitest-hailo/plugin'
 *
 * export default defineConfig({
 *   plugins: [hailo({ device: 'hailo', runs: 50, onMissingDevice: 'skip', image: { resize: 'cv2-bilinear' } })],
 * })
 * ```
 */
export function hailo(options: HailoPluginOptions = {}): Plugin {
  pluginConfig(options) // validate now, in the main process
  const report = resolveReportOption(options.report)
  return {
    name: 'vitest-hailo',
    // A fresh object per call: Vite may call config() again (watch mode restarts) and merges into it.
    config: (user) => withDefaultTimeout(pluginConfig(options), user as { test?: { testTimeout?: number } }),
    configureVitest({ vitest }) {
      const reporters = vitest.config.reporters as unknown[]
      // Once per run: every project with the plugin calls this, and a user may list it by hand.
      if (report !== false && !reporters.some(isHailoReporter)) reporters.push(new HailoReporter(report))
    },
  }
}

export default hailo
