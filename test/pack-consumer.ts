/**
 * The consumer project the pack test builds around the tarball: its files, written exactly as a
 * user writes them from the README's quick-start (keep the README and these in step).
 * @packageDocumentation
 */

/** `vitest.config.ts` of the consumer: the plugin, as the README shows it. */
export const CONSUMER_VITEST_CONFIG = `import { defineConfig } from 'vitest/config'
import { hailo } from 'vitest-hailo/plugin'

export default defineConfig({
  plugins: [hailo({ device: 'auto', runs: 20, onMissingDevice: 'skip' })],
})
`

/**
 * The consumer's `package.json` entry that lets npm ≥ 11.16 skip onnxruntime-node's GPU download and run koffi's
 * install script without warning, as the README's Install section shows it.
 */
export const CONSUMER_ALLOW_SCRIPTS = `"allowScripts": { "onnxruntime-node": false, "koffi": true }`

/** `test/model.test.ts` of the consumer: the README's quick-start test file. */
export const CONSUMER_TEST = `import { expect, test } from 'vitest-hailo/fixtures'

test('the model gives the same bytes on every run', async ({ load }) => {
  const model = await load('models/convnext-tiny.onnx')
  await expect(model).toBeDeterministicAcross(50, { input: 'images/sun.png' })
})

test('the rewritten graph matches its ONNX reference', async ({ load }) => {
  const model = await load('models/convnext-tiny-decomposed-ln.onnx')
  await expect(model).toMatchOnnxWithin('models/convnext-tiny.onnx', {
    input: 'images/sun.png',
    tolerance: { top1: true, cosine: 0.999 },
  })
})
`

/**
 * `test/matcher-types.ts` of the consumer, typechecked and never run: the published types refuse a subject
 * that is not a model, as the user's editor shows it (an unused `@ts-expect-error` fails the typecheck).
 */
export const CONSUMER_TYPE_CHECKS = `import { expect } from 'vitest-hailo/fixtures'
import type { LoadedModel } from 'vitest-hailo'

export async function typedLikeAUser(model: LoadedModel): Promise<void> {
  await expect(model).toBeDeterministicAcross(5)
  await expect(model).not.toSurviveFuzzing({ numRuns: 5 })
  // @ts-expect-error expect(x) needs a model
  await expect(42).toBeDeterministicAcross(5)
  // @ts-expect-error expect(x) got a Promise
  await expect(Promise.resolve(model)).toMatchOnnxWithin('model.onnx', { tolerance: { top1: true } })
}
`

/** A strict consumer tsconfig that does not skip lib checks: the published types must hold up. */
export const CONSUMER_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2023', 'ESNext.Disposable'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    types: ['node'],
  },
  include: ['test', 'vitest.config.ts'],
}

/** The consumer's package.json, depending on the tarball and on the given vitest version. */
export function consumerPackageJson(
  tarball: string,
  versions: { vitest: string; typescript: string; typesNode: string },
): object {
  return {
    name: 'vitest-hailo-consumer',
    private: true,
    type: 'module',
    scripts: { test: 'vitest run' },
    ...(JSON.parse(`{${CONSUMER_ALLOW_SCRIPTS}}`) as object),
    devDependencies: {
      vitest: versions.vitest,
      'vitest-hailo': `file:${tarball}`,
      typescript: versions.typescript,
      '@types/node': versions.typesNode,
    },
  }
}
