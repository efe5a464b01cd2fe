import { describe, expect, test } from 'vitest'
import { printable, printableText } from './printable.js'

describe('printable', () => {
  test('shows every control character as an escape, line feeds included', () => {
    expect(printable('a\u001b[2J\u0007\u0000\n\u202eb')).toBe('a\\x1b[2J\\x07\\x00\\x0a\\u202eb')
  })
})

describe('printableText', () => {
  test('keeps the lines and tabs of a message and escapes every other control character', () => {
    expect(printableText('output "y\u001b[2J\u0007"\n\tdiffers\r\u009b\u2066')).toBe(
      'output "y\\x1b[2J\\x07"\n\tdiffers\\x0d\\x9b\\u2066',
    )
  })

  test('leaves printable text, Unicode included, as it is', () => {
    expect(printableText('max |Δ| 0.5 → 出力 ≥ 95 %')).toBe('max |Δ| 0.5 → 出力 ≥ 95 %')
  })
})
