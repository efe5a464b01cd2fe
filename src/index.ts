/**
 * vitest-hailo engine API: devices, tensors, comparison, determinism, inputs.
 * Matchers live in `vitest-hailo/matchers`, fixtures in `vitest-hailo/fixtures`, the Vitest plugin
 * in `vitest-hailo/plugin`.
 * @packageDocumentation
 */
export * from './errors.js'
export type * from './tensor/types.js'
export type * from './device/types.js'
export { resolveSeed, SEED_ENV } from './random/seed.js'
export { getConfig, setConfig, DEFAULT_CONFIG, DEVICE_ENV, ARTIFACTS_ENV } from './config.js'
export type { HailoConfig } from './config.js'
