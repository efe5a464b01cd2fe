import { describe, expect, test } from 'vitest'
import { identityModel } from '../test/support/onnx/index.js'
import { openDevice } from '../src/device/open.js'
import './index.js'
import { failureOf, useArtifactsRoot } from './test-support/failures.js'

useArtifactsRoot('vh-map-output-')

describe('toMatchOnnxWithin on a probability map (not a classifier)', () => {
  const map = identityModel({ shape: [1, 1, 6, 8] }).bytes

  test('a failure tells no class story about it', async () => {
    await using device = await openDevice('faulty:random,inner=onnx')
    await using model = await device.load(map)
    const message = await failureOf(expect(model).toMatchOnnxWithin(map, { tolerance: { cosine: 0.99 } }))
    expect(message).toContain('Output "output": FAILED')
    expect(message).not.toMatch(/Top-1|class \d+/)
  })
})
