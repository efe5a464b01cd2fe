// A model file names its own inputs and outputs; a failure message quotes those names. Control characters
// in them (an ANSI "clear screen", BEL) must reach the terminal or the CI log as visible escapes, as
// `inspect` shows them, never as commands.
import { describe, expect, test } from 'vitest'
import { identityModel } from '../test/support/onnx/index.js'
import { openDevice } from '../src/device/open.js'
import './index.js'
import { failureOf, useArtifactsRoot } from './test-support/failures.js'

useArtifactsRoot('vh-hostile-names-')

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/
const OUTPUT = 'out\u001b[2J\u001b[H\u0007'
const SHOWN = 'out\\x1b[2J\\x1b[H\\x07'

describe('names with control characters, from the model file, in what a matcher says', () => {
  test('a failure message shows them escaped, never raw', async () => {
    await using device = await openDevice('faulty:random,inner=onnx')
    await using model = await device.load(identityModel({ output: OUTPUT }).bytes)
    const message = await failureOf(expect(model).toBeDeterministicAcross(2))
    expect(message).toContain(`max |diff|`)
    expect(message).toContain(SHOWN)
    expect(message).not.toMatch(CONTROL)
  })

  test('the named error a check throws about them shows them escaped too', async () => {
    await using device = await openDevice('onnx')
    const map = identityModel({ shape: [1, 1, 4, 4], output: OUTPUT }).bytes
    await using model = await device.load(map)
    const message = await failureOf(expect(model).toMatchOnnxWithin(map, { tolerance: { top1: true } }))
    expect(message).toContain('is not a vector of class scores')
    expect(message).toContain(SHOWN)
    expect(message).not.toMatch(CONTROL)
  })
})
