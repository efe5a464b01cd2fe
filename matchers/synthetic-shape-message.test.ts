import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { identityModel } from '../test/support/onnx/index.js'
import { openDevice } from '../src/device/open.js'
import './index.js'
import { failureOf, useArtifactsRoot } from './test-support/failures.js'

useArtifactsRoot('vh-synthetic-shape-')

describe('toBeDeterministicAcross on a model with dynamic dimensions', () => {
  test('the failure and summary.json say which shape the synthetic input had', async () => {
    await using device = await openDevice('faulty:random,inner=onnx')
    await using model = await device.load(identityModel({ shape: ['batch', 3, 'height', 'width'] }).bytes)
    const message = await failureOf(expect(model).toBeDeterministicAcross(3, { shape: [1, 3, 8, 16], seed: 3 }))
    expect(message).toContain('Input: synthetic (seed 3), shape [1, 3, 8, 16]')
    const folder = /Artifacts: (.+) \(/.exec(message)![1]!
    const summary = JSON.parse(await readFile(join(folder, 'summary.json'), 'utf8'))
    expect(summary.inputs).toEqual({ input: { shape: [1, 3, 8, 16], dtype: 'float32' } })
  })
})
