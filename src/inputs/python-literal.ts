/**
 * The subset of Python literal syntax that `ast.literal_eval` accepts and a `.npy` header can hold,
 * so vitest-hailo reads a header as numpy does (numpy evaluates the header text with
 * `ast.literal_eval`): strings in either quote with prefixes and escapes, adjacent strings joined,
 * integers in any base with `_` separators, one sign, `True` / `False` / `None`, tuples, lists and
 * dicts where a repeated key keeps its last value, comments and line breaks. Anything else is a
 * syntax error, as it is for numpy. Pure: no I/O.
 * @packageDocumentation
 */

/** A Python literal value, as far as a `.npy` header needs to tell them apart. */
export type PyValue =
  | { readonly kind: 'str'; readonly value: string }
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'bytes' | 'float' | 'complex' | 'none' }
  | { readonly kind: 'tuple' | 'list'; readonly items: readonly PyValue[] }
  | { readonly kind: 'dict'; readonly entries: ReadonlyMap<string, PyValue>; readonly otherKeys: number }

/** Python's parser refuses deeper nesting than this; a header never needs more than two levels. */
const MAX_DEPTH = 100

/** Thrown for text `ast.literal_eval` would refuse; the message says where. */
export class PythonSyntaxError extends Error {}

/**
 * Evaluate `text` as `ast.literal_eval` would. `dropLongSuffix` also drops an `L` after a number,
 * as numpy does for headers of format versions 1 and 2 (written by Python 2).
 *
 * @throws {@link PythonSyntaxError} when the text is not such a literal.
 * @example
 * ```ts
 * parsePythonLiteral("{'descr': '<f4', 'shape': (2, 3), }") // { kind: 'dict', entries: Map { 'descr' → str, 'shape' →
 * tuple } }
 * ```
 */
export function parsePythonLiteral(text: string, options: { dropLongSuffix?: boolean } = {}): PyValue {
  const parser = new Parser(text, options.dropLongSuffix === true)
  const value = parser.value(0)
  parser.skipSpace()
  if (!parser.atEnd()) parser.fail('text after the value')
  return value
}

const NUMBER_TOKEN = /^[0-9.](?:[0-9A-Za-z_.]|(?<=[eE])[+-])*/
const INT = /^(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|[1-9](?:_?\d)*|0+(?:_?0)*)$/
const DIGITS = '\\d(?:_?\\d)*'
const EXPONENT = `[eE][+-]?${DIGITS}`
/** Python's float and imaginary literals: a point or an exponent, or a `j` (`04` alone is a syntax error). */
const FLOAT = new RegExp(
  `^(?:(?:${DIGITS})?\\.${DIGITS}(?:${EXPONENT})?|${DIGITS}\\.(?:${EXPONENT})?|${DIGITS}${EXPONENT}|${DIGITS}(?=[jJ]))[jJ]?$`,
)
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\n': '',
}

class Parser {
  #at = 0
  constructor(
    readonly text: string,
    readonly dropLongSuffix: boolean,
  ) {}

  atEnd(): boolean {
    return this.#at >= this.text.length
  }

  fail(what: string): never {
    throw new PythonSyntaxError(`${what} at character ${this.#at}`)
  }

  skipSpace(): void {
    for (;;) {
      const m = /^(?:[ \t\f\r\n]|\\\r?\n|#[^\n]*)+/.exec(this.text.slice(this.#at))
      if (m === null) return
      this.#at += m[0].length
    }
  }

  #peek(): string {
    this.skipSpace()
    return this.text[this.#at] ?? ''
  }

  #expect(c: string): void {
    if (this.#peek() !== c) this.fail(`expected "${c}"`)
    this.#at++
  }

  value(depth: number): PyValue {
    if (depth > MAX_DEPTH) this.fail('nesting too deep')
    const c = this.#peek()
    if (c === '{') return this.#dict(depth)
    if (c === '[') return { kind: 'list', items: this.#sequence(']', depth).items }
    if (c === '(') return this.#parenthesized(depth)
    if (c === '+' || c === '-') {
      this.#at++
      const operand = this.#numberAtom(depth)
      return operand.kind === 'int' && c === '-' ? { kind: 'int', value: -operand.value } : operand
    }
    if (/[0-9.]/.test(c)) return this.#number()
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.#at))?.[0] ?? ''
    if (/^[rRuUbB]{0,2}$/.test(word) && /['"]/.test(this.text[this.#at + word.length] ?? '')) return this.#strings()
    this.#at += word.length
    if (word === 'True' || word === 'False') return { kind: 'bool', value: word === 'True' }
    if (word === 'None') return { kind: 'none' }
    return this.fail(word === '' ? 'expected a value' : `the name ${word} (not a literal)`)
  }

  /** A number after a sign: literal_eval allows one sign on a number, parentheses included. */
  #numberAtom(depth: number): PyValue {
    let parens = 0
    while (this.#peek() === '(') {
      this.#at++
      parens++
    }
    const value = /[0-9.]/.test(this.#peek()) ? this.#number() : this.fail('expected a number after the sign')
    for (let k = 0; k < parens; k++) this.#expect(')')
    if (depth + parens > MAX_DEPTH) this.fail('nesting too deep')
    return value
  }

  #number(): PyValue {
    // The whole number token (exponent signs included), then what it is; Python refuses `4L`, `0_4`, `1__0`.
    let token = NUMBER_TOKEN.exec(this.text.slice(this.#at))![0]
    this.#at += token.length
    if (this.dropLongSuffix && token.endsWith('L')) token = token.slice(0, -1)
    let value: PyValue
    if (INT.test(token)) value = { kind: 'int', value: BigInt(token.replace(/_/g, '').replace(/^0+(?=\d)/, '')) }
    else if (FLOAT.test(token)) value = { kind: /[jJ]$/.test(token) ? 'complex' : 'float' }
    else return this.fail(`the malformed number ${token}`)
    // `1+2j`: a complex constant is the only binary operation literal_eval evaluates.
    const sign = this.#peek()
    if ((sign === '+' || sign === '-') && value.kind !== 'complex') {
      const saved = this.#at
      this.#at++
      this.skipSpace()
      const imaginary = NUMBER_TOKEN.exec(this.text.slice(this.#at))?.[0] ?? ''
      if (FLOAT.test(imaginary) && /[jJ]$/.test(imaginary)) {
        this.#at += imaginary.length
        return { kind: 'complex' }
      }
      this.#at = saved
    }
    return value
  }

  /** One or more adjacent string literals, joined as Python joins them. */
  #strings(): PyValue {
    let value = ''
    let bytes: boolean | undefined
    while (/^[rRuUbB]{0,2}['"]/.test(this.text.slice(this.#at))) {
      const prefix = /^[rRuUbB]{0,2}/.exec(this.text.slice(this.#at))![0].toLowerCase()
      if (!['', 'r', 'u', 'b', 'br', 'rb'].includes(prefix)) this.fail(`the string prefix ${prefix}`)
      const isBytes = prefix.includes('b')
      if (bytes !== undefined && bytes !== isBytes) this.fail('bytes joined to a string')
      bytes = isBytes
      this.#at += prefix.length
      value += this.#stringBody(prefix.includes('r'))
      this.skipSpace()
    }
    return bytes === true ? { kind: 'bytes' } : { kind: 'str', value }
  }

  #stringBody(raw: boolean): string {
    const quote = this.text.startsWith(this.text[this.#at]!.repeat(3), this.#at)
      ? this.text[this.#at]!.repeat(3)
      : this.text[this.#at]!
    this.#at += quote.length
    let out = ''
    for (;;) {
      if (this.atEnd()) this.fail('an unterminated string')
      if (this.text.startsWith(quote, this.#at)) {
        this.#at += quote.length
        return out
      }
      const c = this.text[this.#at]!
      if (c === '\n' && quote.length === 1) this.fail('a line break inside a string')
      if (c !== '\\') {
        out += c
        this.#at++
        continue
      }
      const next = this.text[this.#at + 1] ?? ''
      if (raw) {
        out += c + next
        this.#at += 2
        continue
      }
      out += this.#escape(next)
    }
  }

  #escape(next: string): string {
    const simple = SIMPLE_ESCAPES[next]
    if (simple !== undefined) {
      this.#at += 2
      return simple
    }
    const hex = { x: 2, u: 4, U: 8 }[next]
    if (hex !== undefined) {
      const digits = this.text.slice(this.#at + 2, this.#at + 2 + hex)
      if (!new RegExp(`^[0-9a-fA-F]{${hex}}$`).test(digits)) this.fail(`a truncated \\${next} escape`)
      const code = Number.parseInt(digits, 16)
      if (code > 0x10ffff) this.fail('an escape past the last Unicode character')
      this.#at += 2 + hex
      return String.fromCodePoint(code)
    }
    const octal = /^[0-7]{1,3}/.exec(this.text.slice(this.#at + 1))
    if (octal !== null) {
      this.#at += 1 + octal[0].length
      return String.fromCodePoint(Number.parseInt(octal[0], 8))
    }
    if (next === 'N') this.fail('a \\N{…} escape')
    // Python keeps an unknown escape as it is (with a warning).
    this.#at += 2
    return `\\${next}`
  }

  #parenthesized(depth: number): PyValue {
    const { items, trailingComma } = this.#sequence(')', depth)
    if (items.length === 1 && !trailingComma) return items[0]!
    return { kind: 'tuple', items }
  }

  #sequence(close: string, depth: number): { items: PyValue[]; trailingComma: boolean } {
    this.#at++ // the opening bracket
    const items: PyValue[] = []
    let trailingComma = false
    while (this.#peek() !== close) {
      items.push(this.value(depth + 1))
      trailingComma = this.#peek() === ','
      if (!trailingComma) break
      this.#at++
    }
    this.#expect(close)
    return { items, trailingComma }
  }

  #dict(depth: number): PyValue {
    this.#at++
    const entries = new Map<string, PyValue>()
    let otherKeys = 0
    while (this.#peek() !== '}') {
      const key = this.value(depth + 1)
      if (entries.size === 0 && otherKeys === 0 && this.#peek() !== ':') this.fail('a set, not a dict')
      this.#expect(':')
      const value = this.value(depth + 1)
      if (key.kind === 'str') {
        // A repeated key keeps its last value, in the first key's place, as a Python dict does.
        entries.set(key.value, value)
      } else if (key.kind === 'list' || key.kind === 'dict') {
        this.fail(`an unhashable ${key.kind} as a dict key`)
      } else {
        otherKeys++
      }
      if (this.#peek() !== ',') break
      this.#at++
    }
    this.#expect('}')
    return { kind: 'dict', entries, otherKeys }
  }
}
