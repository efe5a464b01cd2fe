// Parity of two graphs of the same network: LayerNorm as one op vs decomposed into elementary ops
// (what the motivating report tried). They agree within float tolerance, not bit for bit.
import { expect, test } from 'vitest-hailo/fixtures'

const FUSED = 'models/convnext-tiny.onnx'
const DECOMPOSED = 'models/convnext-tiny-decomposed-ln.onnx'
const WITHIN_FLOAT = { atol: 1e-4, cosine: 0.99999, top1: true } as const

test.for(['images/sun.png', 'images/stripes.jpg', 'images/flag-exif-rotated.jpg'])(
  'decomposed LayerNorm matches the fused op on %s',
  async (image, { load }) => {
    const decomposed = await load(DECOMPOSED)
    await expect(decomposed).toMatchOnnxWithin(FUSED, { input: image, tolerance: WITHIN_FLOAT })
  },
)

test('decomposed LayerNorm matches the fused op over a folder of images', async ({ load }) => {
  const decomposed = await load(DECOMPOSED)
  await expect(decomposed).toMatchOnnxWithin(FUSED, { inputs: 'images/', tolerance: { ...WITHIN_FLOAT, top1: true } })
})

test('… but not bit for bit (so a bit-exact golden would be the wrong test)', async ({ load }) => {
  const decomposed = await load(DECOMPOSED)
  await expect(decomposed).not.toMatchOnnxWithin(FUSED, { input: 'images/sun.png', tolerance: { atol: 0 } })
})

test('the raw-pixel model (normalization on the chip, as a HEF does) matches the float reference', async ({ load }) => {
  const raw = await load('models/convnext-tiny-uint8-nhwc.onnx')
  await expect(raw).toMatchOnnxWithin(FUSED, {
    inputs: 'images/',
    alls: 'models/imagenet_normalization.alls',
    tolerance: { top1: true, cosine: 0.9999 },
  })
})
