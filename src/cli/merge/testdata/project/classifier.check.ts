import { fileURLToPath } from 'node:url'
import { expect, test } from '../../../../../fixtures/index.js'

const model = fileURLToPath(new URL('../../../../../examples/models/convnext-tiny-uint8-nhwc.onnx', import.meta.url))
const images = fileURLToPath(new URL('../../../../../examples/images/', import.meta.url))

test('the classifier gives one output per image', async ({ load }) => {
  await expect(await load(model)).toBeDeterministicAcross(1, { inputs: images })
})
