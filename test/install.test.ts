import { readFileSync } from 'node:fs'
import { builtinModules, createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, test } from 'vitest'

// What a consumer's `npm install` needs from our package.json, checked without installing:
// the install itself is proven by the pack test (npm 11) and by .ci/run.
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))

interface Manifest {
  name: string
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
}
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest

/** The package a bare import specifier names (`@scope/name/sub` → `@scope/name`). */
function packageOf(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!
}

/** Every bare module specifier (value or type import) in the files `npm run build` emits. */
function shippedImports(): Map<string, string> {
  const configPath = join(root, 'tsconfig.build.json')
  const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p))
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root, undefined, configPath)
  const found = new Map<string, string>()
  for (const file of parsed.fileNames) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith('.')) found.set(fileName, file)
    }
  }
  return found
}

describe('package.json as a consumer installs it', () => {
  test('vitest is a peer in the range the docs claim: ^4.1.0 || ^5.0.0', () => {
    expect(manifest.peerDependencies).toEqual({ vitest: '^4.1.0 || ^5.0.0' })
    expect(manifest.dependencies).not.toHaveProperty('vitest')
  })

  test('no runtime dependency has a peer dependency on vitest (npm 10 crashes resolving that peer set in a consumer)', () => {
    // In November npm 10.9 failed `npm i -D vitest@4.1.12 vitest-hailo` with "Cannot read properties of
    // null (reading 'edgesOut')" while @fast-check/vitest (which peers on vitest) was a runtime dependency.
    // Re-checked in December on Node 20.20: npm 10.8.2, 10.9.9 and 11.19 install vitest@^4.1.12 with
    // vitest-hailo, even with a build that has that dependency back; the guard stays, it costs nothing.
    const peering = Object.keys(manifest.dependencies ?? {}).filter((dep) => {
      // Direct dependencies sit at the top of node_modules (some, like koffi, do not export ./package.json).
      const pkg = JSON.parse(readFileSync(join(root, 'node_modules', dep, 'package.json'), 'utf8')) as Manifest
      return pkg.peerDependencies !== undefined && 'vitest' in pkg.peerDependencies
    })
    expect(peering).toEqual([])
  })

  test('every package the shipped code imports is a dependency or a peer, not a devDependency', () => {
    const allowed = new Set([
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
      manifest.name,
    ])
    const builtins = new Set(builtinModules)
    const imports = shippedImports()
    expect(imports.size).toBeGreaterThan(0)
    const missing = [...imports]
      .filter(([specifier]) => !specifier.startsWith('node:') && !builtins.has(packageOf(specifier)))
      .filter(([specifier]) => !allowed.has(packageOf(specifier)))
      .map(([specifier, file]) => `${specifier} (${file.slice(root.length + 1)})`)
    expect(missing).toEqual([])
  })

  test("onnxruntime-node's install script skips its GPU download for the names the README and .npmrc use", () => {
    // The README tells consumers ONNXRUNTIME_NODE_INSTALL=skip; our .npmrc sets
    // onnxruntime-node-install=skip, which npm hands to the script as npm_config_onnxruntime_node_install.
    expect(readFileSync(join(root, '.npmrc'), 'utf8')).toMatch(/^onnxruntime-node-install=skip$/m)
    const utils = require(join(root, 'node_modules', 'onnxruntime-node', 'script', 'install-utils.js')) as {
      parseInstallFlag(): unknown
    }
    const names = [
      'ONNXRUNTIME_NODE_INSTALL',
      'npm_config_onnxruntime_node_install',
      'ONNXRUNTIME_NODE_INSTALL_CUDA',
      'npm_config_onnxruntime_node_install_cuda',
    ]
    const saved = names.map((n) => process.env[n])
    try {
      for (const n of names) delete process.env[n]
      const verdicts: Record<string, unknown> = {}
      for (const n of ['ONNXRUNTIME_NODE_INSTALL', 'npm_config_onnxruntime_node_install']) {
        process.env[n] = 'skip'
        verdicts[n] = utils.parseInstallFlag()
        delete process.env[n]
      }
      verdicts['(none)'] = utils.parseInstallFlag()
      // false = skip; undefined = the default, which downloads on linux/x64.
      expect(verdicts).toEqual({
        ONNXRUNTIME_NODE_INSTALL: false,
        npm_config_onnxruntime_node_install: false,
        '(none)': undefined,
      })
    } finally {
      names.forEach((n, i) => (saved[i] === undefined ? delete process.env[n] : (process.env[n] = saved[i])))
    }
  })
})
