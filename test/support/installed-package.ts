/**
 * Test support: what an installed copy of the package holds, read from its folder (the consumer's
 * `node_modules/vitest-hailo`): dead relative links in its Markdown, source-map sources that are
 * missing, and the packages its shipped code imports. Not shipped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, relative } from 'node:path'
import ts from 'typescript'

/** Every file under `dir`, relative to it, `node_modules` left out. */
export function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .filter((f) => !f.split(/[\\/]/).includes('node_modules'))
}

/** Relative Markdown links (`[text](docs/x.md#part)`) in the package's .md files whose target is not in the package. */
export function deadMarkdownLinks(dir: string): string[] {
  const dead: string[] = []
  for (const file of filesUnder(dir).filter((f) => f.endsWith('.md'))) {
    const text = readFileSync(join(dir, file), 'utf8')
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z][a-z0-9+.-]*:|^#/i.test(target!)) continue // a URL or an anchor in the same file
      const path = target!.split('#')[0]!
      if (!existsSync(join(dir, dirname(file), decodeURIComponent(path)))) dead.push(`${file} → ${target}`)
    }
  }
  return dead
}

/** Source-map `sources` (in every shipped `.map`) that point at a file the package does not hold. */
export function missingMapSources(dir: string): string[] {
  const missing: string[] = []
  for (const file of filesUnder(dir).filter((f) => f.endsWith('.map'))) {
    const map = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { sources: string[]; sourceRoot?: string }
    for (const source of map.sources) {
      const target = join(dir, dirname(file), map.sourceRoot ?? '', source)
      if (!existsSync(target)) missing.push(`${file} → ${source}`)
    }
  }
  return missing
}

/** The package a bare import specifier names (`@scope/name/sub` → `@scope/name`). */
function packageOf(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!
}

/** Every package (not a Node built-in, not relative) that the package's `.js` and `.d.ts` files import. */
export function importedPackages(dir: string): Set<string> {
  const builtins = new Set(builtinModules)
  const found = new Set<string>()
  for (const file of filesUnder(dir).filter((f) => /\.(js|mjs|d\.ts)$/.test(f))) {
    const info = ts.preProcessFile(readFileSync(join(dir, file), 'utf8'), true, true)
    for (const { fileName } of info.importedFiles) {
      if (fileName.startsWith('.') || fileName.startsWith('node:') || builtins.has(packageOf(fileName))) continue
      found.add(packageOf(fileName))
    }
  }
  return found
}
