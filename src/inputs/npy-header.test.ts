// .npy headers read exactly as numpy reads them. Each row's verdicts were measured with numpy 2.4.6
// (`np.load(..., allow_pickle=False)` on the header with data of the size it declares), once with
// format version 1.0 and once with 3.0: [descr, fortran_order, shape] when numpy loads it, null when
// numpy refuses it.
import { describe, expect, test } from 'vitest'
import { MAX_HEADER_SIZE, readNpyHeader } from './npy-header.js'
import { parsePythonLiteral, PythonSyntaxError } from './python-literal.js'

type Verdict = [descr: string, fortranOrder: boolean, shape: number[]] | null

const NUMPY: readonly [name: string, header: string, v1: Verdict, v3: Verdict][] = [
  ['plain', "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", ['<f4', false, [4]], ['<f4', false, [4]]],
  [
    'dup_descr',
    "{'descr': '<i4', 'fortran_order': False, 'shape': (4,), 'descr': '<f4'}",
    ['<f4', false, [4]],
    ['<f4', false, [4]],
  ],
  [
    'dup_shape',
    "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'shape': (4,)}",
    ['<f4', false, [4]],
    ['<f4', false, [4]],
  ],
  [
    'dup_fortran',
    "{'descr': '<f4', 'fortran_order': True, 'shape': (2,2), 'fortran_order': False}",
    ['<f4', false, [2, 2]],
    ['<f4', false, [2, 2]],
  ],
  ['extra', "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), 'extra': 1}", null, null],
  ['missing', "{'descr': '<f4', 'shape': (4,)}", null, null],
  ['dq', '{"descr": "<f4", "fortran_order": False, "shape": (4,)}', ['<f4', false, [4]], ['<f4', false, [4]]],
  ['list_shape', "{'descr': '<f4', 'fortran_order': False, 'shape': [4]}", null, null],
  ['bool_shape', "{'descr': '<f4', 'fortran_order': False, 'shape': (True, 4)}", null, null],
  ['neg_shape', "{'descr': '<f4', 'fortran_order': False, 'shape': (-4,)}", null, null],
  ['L_shape', "{'descr': '<f4', 'fortran_order': False, 'shape': (4L,)}", ['<f4', false, [4]], null],
  ['hex_shape', "{'descr': '<f4', 'fortran_order': False, 'shape': (0x4,)}", ['<f4', false, [4]], ['<f4', false, [4]]],
  ['underscore', "{'descr': '<f4', 'fortran_order': False, 'shape': (0_4,)}", null, null],
  ['fortran_int', "{'descr': '<f4', 'fortran_order': 0, 'shape': (4,)}", null, null],
  ['scalar', "{'descr': '<f4', 'fortran_order': False, 'shape': ()}", ['<f4', false, []], ['<f4', false, []]],
  ['nospace', "{'descr':'<f4','fortran_order':False,'shape':(4,)}", ['<f4', false, [4]], ['<f4', false, [4]]],
  ['paren_expr', "{'descr': '<f4', 'fortran_order': False, 'shape': ((4),)}", ['<f4', false, [4]], ['<f4', false, [4]]],
  ['plus', "{'descr': '<f4', 'fortran_order': False, 'shape': (+4,)}", ['<f4', false, [4]], ['<f4', false, [4]]],
  [
    'concat_str',
    "{'descr': '<' 'f4', 'fortran_order': False, 'shape': (4,)}",
    ['<f4', false, [4]],
    ['<f4', false, [4]],
  ],
  [
    'escape_str',
    "{'descr': '\\x3cf4', 'fortran_order': False, 'shape': (4,)}",
    ['<f4', false, [4]],
    ['<f4', false, [4]],
  ],
  ['rawstr', "{'descr': r'<f4', 'fortran_order': False, 'shape': (4,)}", ['<f4', false, [4]], ['<f4', false, [4]]],
  ['bytes_descr', "{'descr': b'<f4', 'fortran_order': False, 'shape': (4,)}", null, null],
  ['float_shape', "{'descr': '<f4', 'fortran_order': False, 'shape': (4.0,)}", null, null],
  ['comment', "{'descr': '<f4', 'fortran_order': False, 'shape': (4,)} # hi", ['<f4', false, [4]], ['<f4', false, [4]]],
  ['tuple_noparen', "{'descr': '<f4', 'fortran_order': False, 'shape': 4}", null, null],
  ['none_shape', "{'descr': '<f4', 'fortran_order': False, 'shape': None}", null, null],
  ['descr_f', "{'descr': 'f4', 'fortran_order': False, 'shape': (4,)}", ['<f4', false, [4]], ['<f4', false, [4]]],
  [
    'descr_float32',
    "{'descr': 'float32', 'fortran_order': False, 'shape': (4,)}",
    ['<f4', false, [4]],
    ['<f4', false, [4]],
  ],
  ['descr_eq', "{'descr': '=f4', 'fortran_order': False, 'shape': (4,)}", ['<f4', false, [4]], ['<f4', false, [4]]],
  ['nested_paren_shape', "{'descr': '<f4', 'fortran_order': False, 'shape': ((2,2),)}", null, null],
  ['set', "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), 4}", null, null],
  ['not_dict', "('<f4', False, (4,))", null, null],
  ['trailing_garbage', "{'descr': '<f4', 'fortran_order': False, 'shape': (4,)} x", null, null],
  ['dict_call', "dict(descr='<f4', fortran_order=False, shape=(4,))", null, null],
  [
    'shape_bigint',
    "{'descr': '<f4', 'fortran_order': False, 'shape': (4, 1, 1, 1, 1)}",
    ['<f4', false, [4, 1, 1, 1, 1]],
    ['<f4', false, [4, 1, 1, 1, 1]],
  ],
  ['complex', "{'descr': '<f4', 'fortran_order': False, 'shape': (4+0j,)}", null, null],
  ['unicode_key', "{u'descr': '<f4', 'fortran_order': False, 'shape': (4,)}", ['<f4', false, [4]], ['<f4', false, [4]]],
  ['key_int', "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), 1: 2}", null, null],
  [
    'leading_space',
    "  {'descr': '<f4', 'fortran_order': False, 'shape': (4,)}",
    ['<f4', false, [4]],
    ['<f4', false, [4]],
  ],
  ['multiline', "{'descr': '<f4',\n 'fortran_order': False, 'shape': (4,)}", ['<f4', false, [4]], ['<f4', false, [4]]],
  ['zero_lead', "{'descr': '<f4', 'fortran_order': False, 'shape': (04,)}", null, null],
  ['exp_float', "{'descr': '<f4', 'fortran_order': False, 'shape': (1e+5,)}", null, null],
  ['neg_zero', "{'descr': '<f4', 'fortran_order': False, 'shape': (-0,)}", ['<f4', false, [0]], ['<f4', false, [0]]],
  ['oct', "{'descr': '<f4', 'fortran_order': False, 'shape': (0o4,)}", ['<f4', false, [4]], ['<f4', false, [4]]],
  ['bin', "{'descr': '<f4', 'fortran_order': False, 'shape': (0b100,)}", ['<f4', false, [4]], ['<f4', false, [4]]],
  ['under_ok', "{'descr': '<f4', 'fortran_order': False, 'shape': (4_0,)}", ['<f4', false, [40]], ['<f4', false, [40]]],
  ['triple', "{'descr': '''<f4''', 'fortran_order': False, 'shape': (4,)}", ['<f4', false, [4]], ['<f4', false, [4]]],
  [
    'unicode_esc',
    "{'descr': '\\u003cf4', 'fortran_order': False, 'shape': (4,)}",
    ['<f4', false, [4]],
    ['<f4', false, [4]],
  ],
  ['octal_esc', "{'descr': '\\74f4', 'fortran_order': False, 'shape': (4,)}", ['<f4', false, [4]], ['<f4', false, [4]]],
  [
    'dup_key_extra_then_ok',
    "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), 'shape': (2,2)}",
    ['<f4', false, [2, 2]],
    ['<f4', false, [2, 2]],
  ],
  ['sign_paren', "{'descr': '<f4', 'fortran_order': False, 'shape': (-(4),)}", null, null],
  ['double_sign', "{'descr': '<f4', 'fortran_order': False, 'shape': (--4,)}", null, null],
  ['empty', '', null, null],
  ['fstring', "{'descr': f'<f4', 'fortran_order': False, 'shape': (4,)}", null, null],
  ['mixed_bytes', "{'descr': '<' b'f4', 'fortran_order': False, 'shape': (4,)}", null, null],
  [
    'trailing_comma_dict',
    "{'descr': '<f4', 'fortran_order': False, 'shape': (4,),}",
    ['<f4', false, [4]],
    ['<f4', false, [4]],
  ],
  ['double_comma', "{'descr': '<f4', 'fortran_order': False, 'shape': (4,,)}", null, null],
  ['tuple_key', "{('a',): 1, 'descr': '<f4', 'fortran_order': False, 'shape': (4,)}", null, null],
  ['gt_f4', "{'descr': '>f4', 'fortran_order': False, 'shape': (4,)}", ['>f4', false, [4]], ['>f4', false, [4]]],
  ['bool_descr', "{'descr': '|b1', 'fortran_order': False, 'shape': (4,)}", ['|b1', false, [4]], ['|b1', false, [4]]],
  ['pipe_f4', "{'descr': '|f4', 'fortran_order': False, 'shape': (4,)}", ['<f4', false, [4]], ['<f4', false, [4]]],
]

/** A .npy file's first bytes: magic, version, header length, the header padded to 64 bytes with a newline. */
function npyBytes(header: string, major: 1 | 3): Uint8Array {
  const text = Buffer.from(header, major === 3 ? 'utf8' : 'latin1')
  const lengthSize = major === 1 ? 2 : 4
  const padded = Buffer.concat([
    text,
    Buffer.alloc((64 - ((8 + lengthSize + text.length + 1) % 64)) % 64, ' '),
    Buffer.from('\n'),
  ])
  const prefix = Buffer.alloc(8 + lengthSize)
  Buffer.from('\x93NUMPY', 'latin1').copy(prefix)
  prefix[6] = major
  if (major === 1) prefix.writeUInt16LE(padded.length, 8)
  else prefix.writeUInt32LE(padded.length, 8)
  return new Uint8Array(Buffer.concat([prefix, padded]))
}

function verdict(header: string, major: 1 | 3): Verdict {
  const read = readNpyHeader(npyBytes(header, major))
  return typeof read === 'string' ? null : [read.descr, read.fortranOrder, [...read.shape]]
}

describe('readNpyHeader agrees with numpy', () => {
  test.each(NUMPY)('%s: %s', (_name, header, v1, v3) => {
    expect(verdict(header, 1)).toEqual(v1)
    expect(verdict(header, 3)).toEqual(v3)
  })

  test('a repeated key keeps its last value, as numpy does', () => {
    expect(verdict("{'descr': '<i4', 'fortran_order': False, 'shape': (4,), 'descr': '<f4'}", 1)).toEqual([
      '<f4',
      false,
      [4],
    ])
  })

  test('a key beyond descr, fortran_order and shape is refused, saying why', () => {
    expect(readNpyHeader(npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), 'extra': 1}", 1))).toMatch(
      /does not have exactly the keys descr, fortran_order and shape/,
    )
  })

  test(`a header longer than numpy's limit (${MAX_HEADER_SIZE} bytes) is refused`, () => {
    const long = `{'descr': '<f4', 'fortran_order': False, 'shape': (4,)}${' '.repeat(MAX_HEADER_SIZE)}`
    expect(readNpyHeader(npyBytes(long, 3))).toMatch(/more than the 10000 numpy reads without allow_pickle=True/)
  })

  test('deep nesting is a syntax error, not a stack overflow', () => {
    expect(
      readNpyHeader(
        npyBytes(`{'descr': '<f4', 'fortran_order': False, 'shape': ${'('.repeat(4000)}4${')'.repeat(4000)}}`, 3),
      ),
    ).toMatch(/nesting too deep/)
  })
})

describe('parsePythonLiteral', () => {
  test('reads strings with escapes, raw strings and joined strings as Python does', () => {
    expect(parsePythonLiteral(String.raw`'a\tb' r'\n' "c" '\x41\101\u0042'`)).toEqual({
      kind: 'str',
      value: 'a\tb\\ncAAB',
    })
  })

  test('reads integers in every base, with separators and one sign', () => {
    for (const [text, value] of [
      ['0x1F', 31n],
      ['0o17', 15n],
      ['0b101', 5n],
      ['1_000', 1000n],
      ['-7', -7n],
      ['+(3)', 3n],
      ['000', 0n],
    ] as const) {
      expect(parsePythonLiteral(text)).toEqual({ kind: 'int', value })
    }
  })

  test.each(['04', '1__0', '0_4', '4L', '--4', 'x', '{1, 2}', '(1,,)', "'a", "f'a'", "'a' b'b'", '[1] 2'])(
    'refuses %j as Python does',
    (text) => {
      expect(() => parsePythonLiteral(text)).toThrow(PythonSyntaxError)
    },
  )

  test('drops a Python 2 long suffix only when asked (format versions 1 and 2)', () => {
    expect(parsePythonLiteral('(4L, 5)', { dropLongSuffix: true })).toEqual({
      kind: 'tuple',
      items: [
        { kind: 'int', value: 4n },
        { kind: 'int', value: 5n },
      ],
    })
    expect(() => parsePythonLiteral('(4L, 5)')).toThrow(PythonSyntaxError)
  })
})
