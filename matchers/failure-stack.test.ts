/**
 * Vitest creates a failed async matcher's error after the matcher's awaits, so its stack held only Vitest's
 * own frames: no code frame under the message, and the GitHub Actions reporter (which annotates an error at
 * the nearest test-file frame of its stack) left every vitest-hailo failure without its `::error`.
 */
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { INPUT, randomModel } from '../src/determinism/test-support/models.js'
import './index.js'
import { plain, useArtifactsRoot } from './test-support/failures.js'

useArtifactsRoot('vh-failure-stack-')
const here = fileURLToPath(import.meta.url)

test("a failed check's error carries the expect line in its stack", async () => {
  const line = new Error().stack!.split('\n')[1]!.match(/:(\d+):\d+\)?$/)![1]!
  const checked = expect(randomModel()).toBeDeterministicAcross(5, { input: INPUT })
  const error = await checked.then(
    () => undefined,
    (e: unknown) => e as Error,
  )
  expect(plain(error?.message ?? '')).toContain('expect(model).toBeDeterministicAcross(5)')
  expect(error?.stack).toContain(`${here}:${Number(line) + 1}:`)
})

test('a check that throws keeps its own stack and gains the expect line', async () => {
  const line = new Error().stack!.split('\n')[1]!.match(/:(\d+):\d+\)?$/)![1]!
  const checked = expect(randomModel()).toBeDeterministicAcross(5, { input: 'no/such/image.png' })
  const error = await checked.then(
    () => undefined,
    (e: unknown) => e as Error,
  )
  expect(error?.name).not.toBe('AssertionError')
  expect(error?.stack).toContain(`${here}:${Number(line) + 1}:`)
})
