import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { openDevice } from '../../../../device/open.js'
import { INPUT, deterministicModel, firstRunModel } from '../../../../determinism/test-support/models.js'

const model = fileURLToPath(new URL('../../../../../examples/models/convnext-tiny-uint8-nhwc.onnx', import.meta.url))
const image = fileURLToPath(new URL('../../../../../examples/images/sun.png', import.meta.url))

test('a deterministic model passes', async () => {
  await expect(deterministicModel()).toBeDeterministicAcross(5, { input: INPUT })
})

test('</svg><script>alert(1)</script> a model wrong on its first run', async () => {
  await expect(firstRunModel()).toBeDeterministicAcross(4, { input: INPUT })
})

test('a chip computing on garbage', async () => {
  const chip = await openDevice('faulty:garbage-input,seed=7,inner=onnx')
  try {
    const loaded = await chip.load(model)
    await expect(loaded).toBeDeterministicAcross(3, { input: image })
  } finally {
    await chip.dispose()
  }
})
