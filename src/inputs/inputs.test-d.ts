import { describe, expectTypeOf, it } from 'vitest'
import type { Tensor, TensorInfo } from '../tensor/types.js'
import { loadImage } from './image.js'
import type { ImageOptions } from './image.js'
import { readNpy } from './npy.js'
import { resolveInputs } from './resolve.js'
import { describeInput, syntheticInputs } from './synthetic.js'
import type { InputDescription } from './synthetic.js'

declare const infos: readonly TensorInfo[]

describe('inputs API types', () => {
  it('resolves every accepted source to tensors by name', () => {
    expectTypeOf(resolveInputs(infos, 'cat.png')).toEqualTypeOf<Promise<Record<string, Tensor>>>()
    expectTypeOf(resolveInputs).toBeCallableWith(infos, new Uint8Array(4))
    expectTypeOf(resolveInputs).toBeCallableWith(infos, { images: 'cat.png', mask: new Float32Array(4) })
    expectTypeOf(resolveInputs).toBeCallableWith(infos, 'x.npy', { image: { resize: 'cv2-bilinear', channels: 'bgr' } })
    // @ts-expect-error a number is no input
    void resolveInputs(infos, 42)
  })

  it('types image options narrowly', () => {
    expectTypeOf(loadImage).returns.toEqualTypeOf<Promise<Tensor>>()
    // @ts-expect-error OpenCV's bicubic is not offered
    const bad: ImageOptions = { resize: 'cv2-bicubic' }
    void bad
  })

  it('keeps descriptions plain data, and synthetic inputs synchronous', () => {
    const d: InputDescription = { seed: 1, kind: 'quant-edges', range: [0, 1] }
    expectTypeOf(JSON.parse(JSON.stringify(d)) as InputDescription).toEqualTypeOf<InputDescription>()
    expectTypeOf(syntheticInputs(infos, d)).toEqualTypeOf<Record<string, Tensor>>()
    expectTypeOf(syntheticInputs).toBeCallableWith(infos, 7)
    expectTypeOf(describeInput(d)).toBeString()
    expectTypeOf(readNpy('a.npy')).toEqualTypeOf<Promise<Tensor>>()
    // @ts-expect-error unknown kind
    const wrong: InputDescription = { seed: 1, kind: 'noise' }
    void wrong
  })
})
