/**
 * The setup file the plugin adds to `test.setupFiles`: registers the matchers and installs the
 * configuration the plugin provided, in every worker before any test file runs.
 * @packageDocumentation
 */
import { inject } from 'vitest'
import '../../matchers/index.js'
import { setConfig, type HailoConfig } from '../config.js'
import { HAILO_CONFIG_KEY } from './provided.js'

// `inject` is typed by the ProvidedContext augmentation; this key is private to the package, so it
// is read untyped rather than adding a global augmentation to every consumer's `inject`.
const provided = (inject as (key: string) => unknown)(HAILO_CONFIG_KEY) as Partial<HailoConfig> | undefined
if (provided !== undefined) setConfig(provided)
