import { describe, expect, test } from 'vitest'
import { UsageError } from '../errors.js'
import { checkTokenModel, checkTokenShapes, decodeToken, encodeToken } from './token.js'

describe('replay tokens', () => {
  test('round-trip the property, seed, path and fingerprint as base64url', () => {
    const token = { property: 'frame-order' as const, seed: 123456, path: '4:0:2', fingerprint: 'ab'.repeat(32) }
    const text = encodeToken(token)
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(decodeToken(text)).toEqual(token)
    expect(decodeToken(` ${text}\n`)).toEqual(token)
  })

  test.each([
    ['an empty string', ''],
    ['not base64url', 'abc def'],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['an unknown property', Buffer.from(JSON.stringify({ v: 1, p: 'nope', s: 1, path: '0' })).toString('base64url')],
    ['a bad path', Buffer.from(JSON.stringify({ v: 1, p: 'parity', s: 1, path: 'x' })).toString('base64url')],
    ['a fractional seed', Buffer.from(JSON.stringify({ v: 1, p: 'parity', s: 1.5, path: '0' })).toString('base64url')],
    [
      'sizes that are not sizes',
      Buffer.from(JSON.stringify({ v: 1, p: 'parity', s: 1, path: '0', sh: { x: [1, 0] } })).toString('base64url'),
    ],
  ])('refuses %s with a UsageError that says where a token comes from', (_what, text) => {
    expect(() => decodeToken(text)).toThrow(UsageError)
    expect(() => decodeToken(text)).toThrow(/VITEST_HAILO_REPLAY=/)
  })

  test('refuses a token for another model, naming both fingerprints; accepts its own', () => {
    const token = decodeToken(encodeToken({ property: 'parity', seed: 1, path: '0', fingerprint: 'aaa' }))
    expect(() => checkTokenModel(token, 'bbb')).toThrow(/fingerprint aaa, but this model's fingerprint is bbb/)
    expect(() => checkTokenModel(token, 'aaa')).not.toThrow()
  })

  test('round-trips the sizes of dynamic inputs, and accepts its own sizes', () => {
    const shapes = { x: [2, 3, 48, 192] }
    const token = decodeToken(encodeToken({ property: 'repeatable', seed: 1, path: '0', shapes }))
    expect(token.shapes).toEqual(shapes)
    expect(() => checkTokenShapes(token, { x: [2, 3, 48, 192] })).not.toThrow()
    expect(() => checkTokenShapes(token, { x: [1, 3, 48, 192] })).toThrow(/at \[2, 3, 48, 192\], but this run gives it/)
  })
})
