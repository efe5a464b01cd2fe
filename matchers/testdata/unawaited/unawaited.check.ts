import { deterministicModel, INPUT, randomModel } from '../../../src/determinism/test-support/models.js'
import { expect, test } from '../../../fixtures/index.js'

const reference = new URL('../../../examples/models/convnext-tiny.onnx', import.meta.url).pathname

test('a failing determinism check without await', () => {
  expect(randomModel()).toBeDeterministicAcross(5, { input: INPUT })
})

test('a passing determinism check without await', () => {
  expect(deterministicModel()).toBeDeterministicAcross(5, { input: INPUT })
})

test('a parity check without await', async ({ load }) => {
  const model = await load(reference)
  expect(model).toMatchOnnxWithin(reference, { tolerance: { top1: true } })
})

test('a fuzz check without await', () => {
  expect(deterministicModel()).toSurviveFuzzing({ properties: ['repeatable'], numRuns: 3, input: INPUT })
})

test('a stages check without await', async ({ load }) => {
  const model = await load(reference)
  expect(model).toMatchStagesWithin({ onnx: reference }, { tolerance: { top1: true } })
})

test('an awaited check', async () => {
  await expect(deterministicModel()).toBeDeterministicAcross(5, { input: INPUT })
})

test('an awaited failure caught by rejects', async () => {
  await expect(expect(randomModel()).toBeDeterministicAcross(5, { input: INPUT })).rejects.toThrow(
    /not deterministic|distinct outputs/,
  )
})

test('a check returned from the test function', () =>
  expect(deterministicModel()).toBeDeterministicAcross(5, { input: INPUT }))

test('two checks awaited together', async () => {
  await Promise.all([
    expect(deterministicModel()).toBeDeterministicAcross(3, { input: INPUT }),
    expect(deterministicModel())
      .not.toBeDeterministicAcross(3, { input: INPUT })
      .catch(() => 'failed as expected'),
  ])
})
