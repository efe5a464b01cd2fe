/**
 * The package's own version for `vitest-hailo --version`, read from its package.json (found by walking
 * up from this file: `src/cli/` when run from source, `dist/src/cli/` when installed).
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs'

/**
 * The version of the installed vitest-hailo.
 * @example
 * ```ts
 * packageVersion() // '0.1.0'
 * ```
 */
export function packageVersion(): string {
  for (let up = '../'; up.length <= 5 * 3; up += '../') {
    try {
      const manifest = JSON.parse(readFileSync(new URL(`${up}package.json`, import.meta.url), 'utf8')) as {
        name?: string
        version?: string
      }
      if (manifest.name === 'vitest-hailo' && typeof manifest.version === 'string') return manifest.version
    } catch {
      // Not at this level: keep climbing.
    }
  }
  throw new Error('internal: vitest-hailo cannot find its own package.json')
}
