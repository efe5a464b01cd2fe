/**
 * Test support for the matchers' warnings: the `console.warn` lines a test printed, and models loaded on devices
 * opened once per test file.
 * @packageDocumentation
 */
import { afterAll, afterEach, beforeEach, vi, type MockInstance } from 'vitest'
import { openDevice } from '../../src/device/open.js'
import type { Device, LoadedModel } from '../../src/device/types.js'

/**
 * Silence `console.warn` in each test of the file and return a function giving the lines printed so far.
 * @example
 * ```ts
 * const warnings = collectWarnings()
 * test('warns once', async () => {
 *   await expect(model).toBeDeterministicAcross(1)
 *   expect(warnings()).toHaveLength(1)
 * })
 * ```
 */
export function collectWarnings(): () => string[] {
  let warn: MockInstance<typeof console.warn> | undefined
  beforeEach(() => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
  })
  afterEach(() => {
    warn?.mockRestore()
  })
  return () => (warn?.mock.calls ?? []).map((c) => c.map(String).join(' '))
}

/**
 * A loader that opens each device spec once for the file (disposed after it) and loads `model` on it.
 * @example
 * ```ts
 * const load = loaderOnDevices()
 * const model = await load('faulty:random,inner=onnx', 'model.onnx')
 * ```
 */
export function loaderOnDevices(): (spec: string, model: Uint8Array | string) => Promise<LoadedModel> {
  const devices = new Map<string, Device>()
  afterAll(async () => {
    for (const d of devices.values()) await d.dispose()
  })
  return async (spec, model) => {
    if (!devices.has(spec)) devices.set(spec, await openDevice(spec))
    return devices.get(spec)!.load(model)
  }
}
