import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createVitest } from 'vitest/node'
import { describe, expect, test } from 'vitest'
import { InvalidArgumentError } from '../errors.js'
import { HailoReporter } from '../report/run-report/reporter.js'
import {
  DEFAULT_TEST_TIMEOUT_MS,
  hailo,
  HAILO_CONFIG_KEY,
  pluginConfig,
  setupFilePath,
  withDefaultTimeout,
} from './index.js'

const project = fileURLToPath(new URL('./testdata/project/', import.meta.url))
const vitestBin = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url))

/** Resolve the test project's config as Vitest does, without running it. */
async function resolvedConfig(device: string, cli: { testTimeout?: number } = {}) {
  const previous = process.env.PLUGIN_TEST_DEVICE
  process.env.PLUGIN_TEST_DEVICE = device
  try {
    const vitest = await createVitest('test', { root: project, watch: false, ...cli })
    try {
      return {
        config: vitest.config,
        provided: vitest.getRootProject().getProvidedContext() as Record<string, unknown>,
      }
    } finally {
      await vitest.close()
    }
  } finally {
    if (previous === undefined) delete process.env.PLUGIN_TEST_DEVICE
    else process.env.PLUGIN_TEST_DEVICE = previous
  }
}

/** Run the test project in a child Vitest and return what its worker saw. */
function runProject(env: Record<string, string>): {
  config: Record<string, unknown>
  ownSetupRan: boolean
  matcherRegistered: boolean
  imageLoading: string
} {
  const child = spawnSync(process.execPath, [vitestBin, 'run', '--root', project], {
    env: { ...process.env, VITEST_HAILO_DEVICE: '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
  const seen = /SEEN (\{.*\})/.exec(child.stdout)?.[1]
  if (child.status !== 0 || seen === undefined)
    throw new Error(`child vitest failed (${child.status}):\n${child.stdout}\n${child.stderr}`)
  return JSON.parse(seen)
}

// Some tests resolve or run a child Vitest: generous limits, the full suite may be running beside them.
describe('hailo() plugin', { timeout: 120_000 }, () => {
  test('refuses bad options when the config is loaded, before any test runs', () => {
    expect(() => hailo({ runs: 0 })).toThrowError(InvalidArgumentError)
    expect(() => hailo({ onMissingDevice: 'maybe' as 'skip' })).toThrowError(/onMissingDevice/)
  })

  test('adds the run report reporter once, beside the reporters already there, and none with report: false', () => {
    const configure = (options: Parameters<typeof hailo>[0], reporters: unknown[]): unknown[] => {
      const hook = hailo(options).configureVitest as (context: { vitest: { config: { reporters: unknown[] } } }) => void
      const vitest = { config: { reporters } }
      hook({ vitest })
      hook({ vitest }) // a second project with the plugin
      return vitest.config.reporters
    }
    const added = configure({ report: { dir: 'out/report' } }, ['default', ['junit', {}]])
    expect(added.slice(0, 2)).toEqual(['default', ['junit', {}]])
    expect(added).toHaveLength(3)
    expect(added[2]).toBeInstanceOf(HailoReporter)
    expect(configure({ report: false }, ['default'])).toEqual(['default'])
    expect(configure({}, ['default', 'vitest-hailo/reporter'])).toEqual(['default', 'vitest-hailo/reporter'])
  })

  test('contributes its setup file, the provided configuration, and file parallelism only for a chip', () => {
    const onnx = pluginConfig({ device: 'onnx' }, {})
    expect(onnx.test.setupFiles).toEqual([setupFilePath()])
    expect(onnx.test.provide[HAILO_CONFIG_KEY]).toMatchObject({ device: 'onnx', runs: 20 })
    expect(onnx.test).not.toHaveProperty('fileParallelism')
    expect(pluginConfig({ device: 'hailo' }, {}).test.fileParallelism).toBe(false)
    expect(pluginConfig({ device: 'onnx' }, { VITEST_HAILO_DEVICE: 'hailo:0001:01:00.0' }).test.fileParallelism).toBe(
      false,
    )
  })

  test('Vitest keeps the user setup file first, adds ours, and provides the configuration', async () => {
    const { config, provided } = await resolvedConfig('onnx')
    expect(config.setupFiles).toEqual([`${project}own-setup.ts`, setupFilePath()])
    expect(provided[HAILO_CONFIG_KEY]).toEqual({
      device: 'onnx',
      runs: 7,
      seed: 42,
      onMissingDevice: 'skip',
      artifactsDir: 'out/artifacts',
      image: { resize: 'cv2-bilinear', channels: 'bgr' },
    })
    expect((config as { fileParallelism?: boolean }).fileParallelism).not.toBe(false)
  })

  test('raises the test timeout to 5 minutes when the config sets none; a config or CLI timeout wins', async () => {
    expect(DEFAULT_TEST_TIMEOUT_MS).toBe(300_000)
    expect((await resolvedConfig('onnx')).config.testTimeout).toBe(300_000)
    expect((await resolvedConfig('onnx', { testTimeout: 1234 })).config.testTimeout).toBe(1234)
    expect(
      withDefaultTimeout(pluginConfig({ device: 'onnx' }, {}), { test: { testTimeout: 20_000 } }).test,
    ).not.toHaveProperty('testTimeout')
    expect(withDefaultTimeout(pluginConfig({ device: 'onnx' }, {}), {}).test.testTimeout).toBe(300_000)
  })

  test('a physical chip turns file parallelism off in the resolved config', async () => {
    const { config } = await resolvedConfig('hailo')
    // Vitest turns `fileParallelism: false` into one worker at a time.
    expect((config as { fileParallelism?: boolean }).fileParallelism).toBe(false)
    expect(config.maxWorkers).toBe(1)
  })

  test('workers get the configuration, the matchers and the user setup', () => {
    const seen = runProject({ PLUGIN_TEST_DEVICE: 'onnx' })
    expect(seen).toEqual({
      config: {
        device: 'onnx',
        runs: 7,
        seed: 42,
        onMissingDevice: 'skip',
        artifactsDir: 'out/artifacts',
        image: { resize: 'cv2-bilinear', channels: 'bgr' },
      },
      ownSetupRan: true,
      matcherRegistered: true,
      // A matcher without an image option loads images as the plugin's image option says.
      imageLoading: 'plugin',
    })
  })

  test('VITEST_HAILO_DEVICE wins over the plugin option in the workers', () => {
    const seen = runProject({ PLUGIN_TEST_DEVICE: 'onnx', VITEST_HAILO_DEVICE: 'emulator' })
    expect(seen.config.device).toBe('emulator')
  })
})
