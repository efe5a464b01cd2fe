import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openDevice } from '../src/device/open.js'
import type { Device, LoadedModel } from '../src/device/types.js'
import { INPUT, deterministicModel, firstRunModel } from '../src/determinism/test-support/models.js'
import { CHECKS_META_KEY, type RecordedCheck } from '../src/report/run-report/types.js'
import './index.js'
import { ANNOTATION_TYPE } from './record-check.js'
import { failureOf, useArtifactsRoot } from './test-support/failures.js'

const models = new URL('../examples/models/', import.meta.url).pathname
const images = new URL('../examples/images/', import.meta.url).pathname

useArtifactsRoot('vh-record-')
let faulty: Device
let garbage: LoadedModel
beforeAll(async () => {
  faulty = await openDevice('faulty:garbage-input,seed=7,inner=onnx')
  garbage = await faulty.load(`${models}convnext-tiny-uint8-nhwc.onnx`)
})
afterAll(async () => {
  await garbage.dispose()
  await faulty.dispose()
})

const recorded = (meta: object): RecordedCheck[] =>
  ((meta as Record<string, unknown>)[CHECKS_META_KEY] ?? []) as RecordedCheck[]

describe('every matcher call leaves a record on its test', () => {
  test('a passing determinism check: verdict, one digest per input, timing, no annotation', async ({ task }) => {
    await expect(deterministicModel()).toBeDeterministicAcross(5, { input: INPUT })
    const [check] = recorded(task.meta)
    expect(check).toMatchObject({
      kind: 'determinism',
      matcher: 'toBeDeterministicAcross',
      verdict: 'pass',
      held: true,
      negated: false,
    })
    expect(check!.inputs).toHaveLength(1)
    expect(check!.inputs[0]!.outputs).toEqual([
      expect.objectContaining({ digest: expect.stringMatching(/^[0-9a-f]{32}$/), count: 5, runs: [[1, 5]] }),
    ])
    expect(check!.determinism).toMatchObject({ runs: 5, distinctOutputs: 1, pattern: 'deterministic' })
    expect(check!.timing.totalMs).toBeGreaterThanOrEqual(0)
    expect(check!.artifacts).toBeUndefined()
    expect(JSON.parse(JSON.stringify(check))).toEqual(check)
    expect(task.annotations).toEqual([])
  })

  test('a failing check on a device: the device, the model fingerprint, the artifacts, and an annotation naming summary.json', async ({
    task,
  }) => {
    const message = await failureOf(expect(garbage).toBeDeterministicAcross(4, { input: `${images}sun.png` }))
    const [check] = recorded(task.meta)
    expect(check).toMatchObject({ verdict: 'fail', held: false })
    expect(check!.summary).toMatch(/^4 distinct outputs in 4 runs/)
    expect(check!.device).toMatchObject({ kind: 'faulty', spec: faulty.spec })
    expect(check!.model.fingerprint).toBe(garbage.fingerprint())
    expect(check!.inputs[0]!.label).toBe('examples/images/sun.png')
    expect(check!.inputs[0]!.outputs.map((o) => o.top1?.output)).toEqual(
      ['logits', 'logits', 'logits', 'logits'].slice(0, check!.inputs[0]!.outputs.length),
    )
    expect(message).toContain(`Artifacts: ${check!.artifacts}`)
    const [annotation] = task.annotations
    expect(annotation).toMatchObject({ type: ANNOTATION_TYPE })
    // Placed at the expect line of the test, as the GitHub Actions reporter needs.
    const source = (await readFile(fileURLToPath(import.meta.url), 'utf8')).split('\n')
    const line = source.findIndex((l) => l.includes('failureOf(expect(garbage).toBeDeterministicAcross(4')) + 1
    expect(annotation!.location).toMatchObject({ file: fileURLToPath(import.meta.url), line })
    expect(annotation!.message).toBe(
      `toBeDeterministicAcross failed on ${faulty.spec}: ${check!.summary}; evidence: ${join(check!.artifacts!, 'summary.json')}`,
      // (the artifacts root of this test file is a temporary folder outside the working directory: the path stays
      // absolute)
    )
    // The attachment is the summary itself, inline.
    expect(annotation!.attachment).toMatchObject({ contentType: 'application/json', bodyEncoding: 'utf-8' })
    expect(annotation!.attachment!.body).toBe(await readFile(join(check!.artifacts!, 'summary.json'), 'utf8'))
  })

  test('.not: the verdict follows the assertion, held follows the engine', async ({ task }) => {
    await expect(firstRunModel()).not.toBeDeterministicAcross(4, { input: INPUT })
    await failureOf(expect(deterministicModel()).not.toBeDeterministicAcross(4, { input: INPUT }))
    expect(recorded(task.meta).map((c) => [c.negated, c.held, c.verdict])).toEqual([
      [true, false, 'pass'],
      [true, true, 'fail'],
    ])
    expect(task.annotations.map((a) => a.message)).toEqual([
      expect.stringMatching(/^toBeDeterministicAcross \(\.not\) failed: .*; no artifacts$/),
    ])
  })

  test('a parity check: the reference, the sample digest and the |difference| histogram', async ({ task }) => {
    const onnx = await openDevice('onnx')
    try {
      const model = await onnx.load(`${models}convnext-tiny-decomposed-ln.onnx`)
      await expect(model).toMatchOnnxWithin(`${models}convnext-tiny.onnx`, {
        input: `${images}sun.png`,
        tolerance: { atol: 1e-3 },
      })
      const [check] = recorded(task.meta)
      expect(check).toMatchObject({
        kind: 'parity',
        matcher: 'toMatchOnnxWithin',
        verdict: 'pass',
        model: { reference: 'examples/models/convnext-tiny.onnx' },
      })
      expect(check!.inputs[0]!.outputs[0]!.digest).toMatch(/^[0-9a-f]{32}$/)
      const h = check!.parity!.histogram!
      expect(h.allowed).toBe(1e-3)
      expect(h.zeros + h.counts.reduce((a, b) => a + b, 0)).toBe(h.total)
      expect(h.max).toBeLessThanOrEqual(1e-3)
    } finally {
      await onnx.dispose()
    }
  })
})
