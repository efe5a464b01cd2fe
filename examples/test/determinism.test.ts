// Determinism of the healthy ConvNeXt-like classifier: the same image must give the same bytes on
// every run, also when other images are interleaved (a stale buffer would show there).
import { argmax } from 'vitest-hailo'
import { expect, test } from 'vitest-hailo/fixtures'
import labels from '../images/labels.json' with { type: 'json' }

const MODEL = 'models/convnext-tiny-uint8-nhwc.onnx'

test('the classifier gives identical bytes on every run of the same image', async ({ load }) => {
  const model = await load(MODEL)
  await expect(model).toBeDeterministicAcross(50, { input: 'images/sun.png' })
})

test('… with other images interleaved between runs (stale buffers would show)', async ({ load }) => {
  const model = await load(MODEL)
  await expect(model).toBeDeterministicAcross(30, {
    input: 'images/sun.png',
    interleave: ['images/stripes.jpg', 'images/rings.jpg'],
  })
})

test('… and on a seeded synthetic input (the plugin sets the run runs and seed)', async ({ load }) => {
  const model = await load(MODEL)
  await expect(model).toBeDeterministicAcross()
})

// `test.for` (not `test.each`) hands the fixtures to the test function as its second argument.
test.for(Object.entries(labels))('%s is classified as its labelled class', async ([file, label], { load }) => {
  const model = await load(MODEL)
  const { probs } = await model.infer(`images/${file}`)
  expect(argmax(probs!)).toBe(label.class)
})
