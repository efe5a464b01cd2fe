import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { HefFormatError, InvalidArgumentError, ModelFileError } from '../errors.js'
import { parseHef, readHef } from './read.js'
import { ARCFACE, MNIST, TESTDATA } from './test-support/make-hef.js'
import { expectError } from '../../test/support/expect-error.js'

/** What HailoRT 4.23.0 itself reports for the two real files (see golden.json's `_about`). */
const golden = JSON.parse(readFileSync(`${TESTDATA}golden.json`, 'utf8')) as {
  files: Record<
    string,
    {
      headerVersion: number
      sdkVersion: string
      architecture?: string
      networkGroups?: { name: string; isMultiContext: boolean }[]
      network?: string
      vstreams?: Record<string, unknown>[]
    }
  >
}

describe('readHef on real files, against what HailoRT 4.23 reports', () => {
  test('arcface_mobilefacenet.hef: header, compiler, architecture and network groups equal the golden answer', async () => {
    const want = golden.files['arcface_mobilefacenet.hef']!
    const info = await readHef(ARCFACE)
    expect(info.headerVersion).toBe(want.headerVersion)
    expect(info.sdkVersion).toBe(want.sdkVersion)
    expect(info.architecture).toBe(want.architecture)
    expect(info.networkGroups.map((g) => ({ name: g.name, isMultiContext: g.isMultiContext }))).toEqual(
      want.networkGroups,
    )
    expect(info.networkGroups[0]!.networks).toEqual([want.network])
  })

  test('arcface_mobilefacenet.hef: every vstream equals HailoRT 4.23 field for field (name, format, shape, quant, frame sizes)', async () => {
    const want = golden.files['arcface_mobilefacenet.hef']!
    const group = (await readHef(ARCFACE)).networkGroups[0]!
    const got = [...group.inputs, ...group.outputs].map(({ network: _network, ...rest }) => rest)
    expect(got).toEqual(want.vstreams)
    for (const v of [...group.inputs, ...group.outputs]) expect(v.network).toBe(want.network)
  })

  test('arcface_mobilefacenet.hef: quantization floats are the exact float32 values HailoRT returns', async () => {
    const out = (await readHef(ARCFACE)).networkGroups[0]!.outputs[0]!
    expect(Object.is(out.quant.scale, 0.01673891767859459)).toBe(true)
    expect(Math.fround(out.quant.limvalsMin)).toBe(out.quant.limvalsMin)
  })

  test('arcface_mobilefacenet.hef: a verified CRC-32 and the extensions the compiler wrote', async () => {
    const info = await readHef(ARCFACE)
    expect(info.checksum).toEqual({ kind: 'crc32', value: '0xa7bc7593' })
    expect(info.target).toBe('HAILO8P')
    expect(info.extensions.map((e) => e.index)).toEqual([0, 3, 26, 12])
    expect(info.features.periphCalculationInHailort).toBe(true)
    expect(info.notes).toEqual([])
  })

  test('mnist.hef: header version 0 with a verified MD5, compiler 3.22.1, and no periph calculation in HailoRT', async () => {
    const want = golden.files['mnist.hef']!
    const info = await readHef(MNIST)
    expect(info.headerVersion).toBe(want.headerVersion)
    expect(info.sdkVersion).toBe(want.sdkVersion)
    expect(info.checksum.kind).toBe('md5')
    expect(info.features.periphCalculationInHailort).toBe(false)
    expect(info.networkGroups[0]!.inputs[0]).toMatchObject({
      name: 'mnist/input_layer1',
      format: { type: 'UINT8', order: 'NC' },
      shape: { features: 784 },
    })
    expect(info.networkGroups[0]!.outputs.map((o) => o.name)).toEqual(['mnist/softmax1'])
  })

  test('parseHef reads the same answer from bytes as readHef from the path', async () => {
    const bytes = new Uint8Array(readFileSync(ARCFACE))
    const { path: _a, ...fromBytes } = parseHef(bytes)
    const { path: _b, ...fromPath } = await readHef(ARCFACE)
    expect(fromBytes).toEqual(fromPath)
  })
})

describe('readHef refuses what is not a readable HEF', () => {
  test('a missing file is a ModelFileError that names the path', async () => {
    const error = await expectError(readHef('/nonexistent/model.hef'), ModelFileError)
    expect(error.message).toContain('/nonexistent/model.hef does not exist')
  })

  test('a directory is a ModelFileError', async () => {
    await expect(readHef(TESTDATA)).rejects.toThrow(/is a directory/)
  })

  test('an empty or non-string path is an InvalidArgumentError', async () => {
    await expect(readHef('')).rejects.toBeInstanceOf(InvalidArgumentError)
    await expect(readHef(42 as unknown as string)).rejects.toBeInstanceOf(InvalidArgumentError)
  })

  test('bytes that are not a Uint8Array are an InvalidArgumentError', () => {
    expect(() => parseHef('abc' as unknown as Uint8Array)).toThrow(InvalidArgumentError)
  })

  test('an ONNX file passed as a HEF is a HefFormatError about the magic', () => {
    const onnxStart = Uint8Array.from([
      0x08, 0x08, 0x12, 0x07, 0x70, 0x79, 0x74, 0x6f, 0x72, 0x63, 0x68, 0x1a, 0x03, 0x32, 0x2e, 0x30,
    ])
    expect(() => parseHef(onnxStart, 'model.onnx')).toThrow(expect.objectContaining({ problem: 'bad-magic' }))
    expect(() => parseHef(onnxStart, 'model.onnx')).toThrow(HefFormatError)
  })
})
