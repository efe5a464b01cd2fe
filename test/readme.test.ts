import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { CONSUMER_TEST, CONSUMER_VITEST_CONFIG } from './pack-consumer.js'

// The pack test installs the tarball into a fresh project and runs exactly these files: the README
// must show the same ones, so what a newcomer copies is what was proven to work.
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const blocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1] ?? '', body: m[2] ?? '' }))

describe('README', () => {
  test('starts with the two commands CI runs: the main job, then the tests', () => {
    const first = blocks[0]!
    expect(first.lang).toBe('sh')
    const commands = first.body
      .split('\n')
      .filter(Boolean)
      .map((l) => l.replace(/\s+#.*$/, ''))
    expect(commands).toEqual(['npm ci && npm run demo', 'npm test'])
    const ci = readFileSync(new URL('../.ci/run', import.meta.url), 'utf8')
    expect(ci).toMatch(/^npm ci\b/m)
    expect(ci).toMatch(/^npm run demo\b/m)
    expect(ci).toMatch(/^npm test\b/m)
  })

  test('shows the quick-start config and test exactly as the pack test runs them', () => {
    expect(blocks.map((b) => b.body)).toContain(CONSUMER_VITEST_CONFIG)
    expect(blocks.map((b) => b.body)).toContain(CONSUMER_TEST)
  })
})
