import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { HefFormatError } from '../errors.js'
import { MAX_DEPTH, MAX_MESSAGES } from './body.js'
import { parseHef } from './read.js'
import { readFileSync } from 'node:fs'
import { ARCFACE, encodeBody, MNIST, rechecksum, smallArcfaceBody, wrapHef } from './test-support/make-hef.js'

function varint(value: number): number[] {
  const out: number[] = []
  while (value > 0x7f) {
    out.push((value & 0x7f) | 0x80)
    value >>>= 7
  }
  out.push(value)
  return out
}

/** A length-delimited field `id` holding `payload`. */
function field(id: number, payload: Uint8Array): Uint8Array {
  return Uint8Array.from([...varint((id << 3) | 2), ...varint(payload.length), ...payload])
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

const HEADER = field(1, Uint8Array.from([0x1a, 0x06, ...Buffer.from('3.33.0')]))

function problem(bytes: Uint8Array): string {
  try {
    parseHef(bytes, 'hostile.hef')
    return 'accepted'
  } catch (error) {
    if (error instanceof HefFormatError) return error.problem
    throw error
  }
}

describe('hostile protobuf bodies (valid header and checksum, so the decoder is reached)', () => {
  test('refuses messages nested 20 000 deep without overflowing the stack', () => {
    // NetworkGroup.partialNetworkGroups (7) → PartialNetworkGroup.networkGroup (1) → NetworkGroup … is recursive.
    // Built inside out in one pass: prefixes (tag, length) only, the innermost message empty.
    const prefixes: number[][] = []
    let inner = 0
    for (let i = 0; i < 20_000; i++) {
      const prefix = [...varint(((i % 2 === 0 ? 1 : 7) << 3) | 2), ...varint(inner)]
      prefixes.push(prefix)
      inner += prefix.length
    }
    const nested = Uint8Array.from(prefixes.reverse().flat())
    const hef = wrapHef(1, concat(HEADER, field(2, nested)))
    expect(problem(hef)).toBe('corrupt-metadata')
    expect(() => parseHef(hef, 'deep.hef')).toThrow(new RegExp(`nested more than ${MAX_DEPTH} deep`))
  })

  test(`refuses more than ${MAX_MESSAGES} messages (each costs an object: bounded memory)`, () => {
    const empty = field(5, new Uint8Array(0))
    const body = new Uint8Array(HEADER.length + empty.length * (MAX_MESSAGES + 1))
    body.set(HEADER)
    for (let i = 0; i <= MAX_MESSAGES; i++) body.set(empty, HEADER.length + i * empty.length)
    expect(() => parseHef(wrapHef(1, body), 'many.hef')).toThrow(/more than 200000 messages/)
  })

  test('refuses a declared message field sent as a varint', () => {
    expect(problem(wrapHef(1, Uint8Array.from([0x08, 0x01])))).toBe('corrupt-metadata')
  })

  test('refuses proto2 groups and invalid wire types', () => {
    expect(problem(wrapHef(1, concat(HEADER, Uint8Array.from([0x7b, 0x7c]))))).toBe('corrupt-metadata')
    expect(problem(wrapHef(1, concat(HEADER, Uint8Array.from([0x7e]))))).toBe('corrupt-metadata')
  })

  test('refuses a length that runs past the end of its parent', () => {
    const ng = field(2, field(3, new Uint8Array(4)))
    ng[3] = 60 // the inner context claims 60 bytes inside a 6-byte group
    expect(problem(wrapHef(1, concat(HEADER, ng)))).toBe('corrupt-metadata')
  })

  test('refuses a varint cut off at the end of the body', () => {
    expect(problem(wrapHef(1, concat(HEADER, Uint8Array.from([0x10, 0xff]))))).toBe('corrupt-metadata')
  })

  test('refuses a body with no header message', () => {
    expect(problem(wrapHef(1, new Uint8Array(0)))).toBe('corrupt-metadata')
  })

  test('20 000 outputs sorted by 20 000 names are described in n log n, not n²', () => {
    const layer = (i: number) => ({
      direction: 1,
      edgeLayerType: 0,
      contextSwitchInfo: { edgeConnectionType: 0 },
      layerInfo: { name: `n/o${i}`, edgeLayerBase: { height: 1, width: 1, features: 1, dataBytes: 1, format: 2 } },
    })
    const count = 20_000
    const body = encodeBody({
      header: { sdkVersion: '3.33.0', version: 5 },
      networkGroups: [
        {
          networkGroupMetadata: { networkGroupName: 'n' },
          sortedOutputsOrder: Array.from({ length: count }, (_, i) => `n/o${count - 1 - i}`),
          contexts: [{ metadata: { edgeLayers: Array.from({ length: count }, (_, i) => layer(i)) } }],
        },
      ],
    })
    const outputs = parseHef(wrapHef(1, body), 'wide.hef').networkGroups[0]!.outputs
    expect(outputs).toHaveLength(count)
    expect(outputs[0]!.name).toBe(`n/o${count - 1}`)
  })

  test('skips unknown fields, however large, without decoding them', () => {
    const body = concat(HEADER, field(3, new Uint8Array(100_000).fill(0xff)))
    expect(problem(wrapHef(1, body))).toBe('accepted')
  })
})

describe('truncation at every length', () => {
  test.each([0, 1, 2, 3] as const)('every prefix of a version %i HEF is refused as truncated', (version) => {
    const hef = wrapHef(version, smallArcfaceBody(), { ccws: new Uint8Array(16) })
    for (let length = 0; length < hef.length; length++) {
      expect(problem(hef.subarray(0, length))).toBe('truncated')
    }
  })
})

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'headerWord'; word: number; value: number }
  | { kind: 'truncate'; keep: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    kind: fc.constant('headerWord' as const),
    word: fc.integer({ min: 0, max: 13 }),
    value: fc.oneof(fc.nat(), fc.constant(0xffffffff), fc.constant(0x7fffffff)),
  }),
  fc.record({ kind: fc.constant('truncate' as const), keep: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
  }),
)

function mutate(source: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes: Uint8Array = Uint8Array.from(source)
  for (const m of mutations) {
    if (bytes.length === 0) break
    if (m.kind === 'flip') bytes[m.at % bytes.length]! ^= 1 << m.bit
    else if (m.kind === 'set') bytes[m.at % bytes.length] = m.value
    else if (m.kind === 'headerWord' && bytes.length >= 4 * (m.word + 1))
      new DataView(bytes.buffer).setUint32(4 * m.word, m.value >>> 0)
    else if (m.kind === 'truncate') bytes = bytes.slice(0, m.keep % (bytes.length + 1))
    else if (m.kind === 'insert') {
      const at = m.at % bytes.length
      bytes = concat(bytes.subarray(0, at), m.bytes, bytes.subarray(at))
    }
  }
  return bytes
}

/**
 * `mutations` applied to a copy of `source`; with `fixChecksum`, the checksum re-computed afterwards, so the damage
 * reaches the protobuf decoder and the vstream derivation instead of stopping at the checksum.
 */
function damage(source: Uint8Array, mutations: readonly Mutation[], fixChecksum: boolean): Uint8Array {
  const bytes = mutate(source, mutations)
  if (fixChecksum && bytes.length >= 56) {
    try {
      rechecksum(bytes)
    } catch {
      /* the version word itself was mutated: leave the bytes as they are */
    }
  }
  return bytes
}

describe('fuzz: mutated HEFs', () => {
  const originals = ([0, 1, 2, 3] as const).map((v) =>
    wrapHef(v, smallArcfaceBody(), { ccws: new Uint8Array(24).fill(9) }),
  )

  test('any mutation gives a description or a HefFormatError, never another error', () => {
    const seen = new Map<string, number>()
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (version, mutations, fixChecksum) => {
          const bytes = damage(originals[version]!, mutations, fixChecksum)
          try {
            const info = parseHef(bytes, 'fuzz.hef')
            expect(info.networkGroups).toBeInstanceOf(Array)
            seen.set('accepted', (seen.get('accepted') ?? 0) + 1)
          } catch (error) {
            if (!(error instanceof HefFormatError)) throw error
            expect(error.message).toContain('fuzz.hef')
            seen.set(error.problem, (seen.get(error.problem) ?? 0) + 1)
          }
        },
      ),
      { numRuns: 400, seed: 4242 },
    )
    // The fuzz must reach past the header: damaged bodies decoded (or refused by the decoder), not only checksums.
    expect(seen.get('corrupt-metadata') ?? 0).toBeGreaterThan(0)
    expect(seen.get('checksum-mismatch') ?? 0).toBeGreaterThan(0)
    expect(seen.get('accepted') ?? 0).toBeGreaterThan(0)
  })
})

describe('fuzz: the real files', () => {
  const real = [new Uint8Array(readFileSync(ARCFACE)), new Uint8Array(readFileSync(MNIST))]

  test('the real HEFs, undamaged, are described (the fuzz below starts from files the reader accepts)', () => {
    for (const bytes of real) expect(parseHef(bytes, 'real.hef').networkGroups.length).toBeGreaterThan(0)
  })

  test('damaged copies of the real HEFs give a description or a HefFormatError, never another error', () => {
    const seen = new Map<string, number>()
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (which, mutations, fixChecksum) => {
          const bytes = damage(real[which]!, mutations, fixChecksum)
          try {
            expect(parseHef(bytes, 'real.hef').networkGroups).toBeInstanceOf(Array)
            seen.set('accepted', (seen.get('accepted') ?? 0) + 1)
          } catch (error) {
            if (!(error instanceof HefFormatError)) throw error
            seen.set(error.problem, (seen.get(error.problem) ?? 0) + 1)
          }
        },
      ),
      { numRuns: 40, seed: 7 },
    )
    // Both outcomes happen: a reader that refused every file (or accepted every one) fails here.
    expect(seen.get('accepted') ?? 0).toBeGreaterThan(0)
    expect([...seen.keys()].filter((k) => k !== 'accepted').length).toBeGreaterThan(0)
  })
})
