/**
 * The key under which the plugin provides the configuration to workers (`project.provide` in the
 * main process, `inject` in the worker). Kept apart so the setup file imports no plugin code.
 * @packageDocumentation
 */

/** `inject(HAILO_CONFIG_KEY)` returns the `HailoConfig` the plugin resolved. */
export const HAILO_CONFIG_KEY = 'vitest-hailo:config'
