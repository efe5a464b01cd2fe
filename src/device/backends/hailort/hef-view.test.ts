import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { describeModel } from '../../../describe.js'
import { NativeCallError, NativeLibraryError } from '../../../errors.js'
import { ARCFACE } from '../../../hef/test-support/make-hef.js'
import { describeHefWithHailort } from './hef-view.js'
import {
  ARCFACE_LIKE,
  doubleEnv,
  doubleLibrary,
  modelText,
  scratchDir,
  setEnv,
  writeModel,
  type DoubleModel,
} from './test-support/double.js'

const double = doubleLibrary('4.23.0')
const dir = scratchDir()
let restore: () => void
beforeAll(() => {
  // No chip: the HEF queries need none.
  restore = setEnv({ ...doubleEnv(double, dir), HAILORT_DOUBLE_CHIP: undefined })
})
afterAll(() => restore())
afterEach(() => {
  double.setFaults('')
  expect(double.live('hef'), 'a HEF handle was left open').toBe(0)
  expect(double.misuseCount(), `the binding misused a handle: ${double.lastMisuse()}`).toBe(0)
})

const MIXED: DoubleModel = {
  groups: [
    {
      name: 'first',
      vstreams: [
        { direction: 'in', name: 'first/in', shape: [4, 4, 3] },
        {
          direction: 'out',
          name: 'first/out',
          type: 'uint16',
          order: 'NC',
          shape: [1, 1, 6],
          quant: { zp: 32768, scale: 0.25, min: -8192, max: 8191.75 },
        },
      ],
    },
    {
      name: 'second',
      multiContext: true,
      vstreams: [
        { direction: 'in', name: 'second/in', order: 'NCHW', shape: [2, 3, 5] },
        { direction: 'out', name: 'second/boxes', order: 'NMS_BY_CLASS', shape: [10, 1, 3] },
      ],
    },
  ],
}

describe('describeHefWithHailort (device-free, against the double)', () => {
  it("reports every network group and vstream as HailoRT describes them, in the reader's vocabulary", async () => {
    const view = await describeHefWithHailort(writeModel(dir, 'mixed.hef', MIXED))
    expect(view?.hailort).toBe('4.23.0')
    expect(view?.networkGroups.map((g) => [g.name, g.isMultiContext])).toEqual([
      ['first', false],
      ['second', true],
    ])
    expect(view?.networkGroups[0]!.vstreams).toEqual([
      {
        direction: 'input',
        name: 'first/in',
        network: 'first/first',
        format: { type: 'UINT8', order: 'NHWC', flags: 0 },
        shape: { height: 4, width: 4, features: 3 },
        quant: { zeroPoint: 0, scale: 1, limvalsMin: 0, limvalsMax: 255 },
        frameBytes: { raw: 48, float32: 192 },
      },
      {
        direction: 'output',
        name: 'first/out',
        network: 'first/first',
        format: { type: 'UINT16', order: 'NC', flags: 0 },
        shape: { height: 1, width: 1, features: 6 },
        quant: { zeroPoint: 32768, scale: 0.25, limvalsMin: -8192, limvalsMax: 8191.75 },
        frameBytes: { raw: 12, float32: 24 },
      },
    ])
    const [input, nms] = view!.networkGroups[1]!.vstreams
    expect(input).toMatchObject({
      format: { order: 'NCHW' },
      shape: { height: 2, width: 3, features: 5 },
      frameBytes: { raw: 30, float32: 120 },
    })
    // NMS: classes × box parameters × boxes per class, and HailoRT's NMS frame size.
    expect(nms).toMatchObject({
      format: { order: 'HAILO_NMS_BY_CLASS' },
      shape: { height: 3, width: 5, features: 10 },
      frameBytes: { raw: 3 * (4 + 10 * 20) },
    })
  })

  it('reads a HEF from memory as well as from a file', async () => {
    const view = await describeHefWithHailort(Buffer.from(modelText(ARCFACE_LIKE)))
    expect(view?.networkGroups[0]!.vstreams.map((v) => v.name)).toEqual([
      'arcface_mobilefacenet/input_layer1',
      'arcface_mobilefacenet/fc1',
    ])
    expect(double.calls('hailo_create_hef_buffer')).toBe(1)
  })

  it('a HEF HailoRT refuses is a view with the status, not an exception (and no handle to release)', async () => {
    const view = await describeHefWithHailort(Buffer.from('not a model description'))
    expect(view).toEqual({
      hailort: '4.23.0',
      networkGroups: [],
      refused: {
        status: 26,
        statusName: 'HAILO_INVALID_HEF',
        message: expect.stringMatching(/hailo_create_hef_buffer failed with HailoRT status 26/),
      },
    })
  })

  it('releases the HEF when a query fails after it loaded, and reports that query', async () => {
    const path = writeModel(dir, 'arcface.hef', ARCFACE_LIKE)
    for (const step of [
      'hailo_get_network_groups_infos',
      'hailo_hef_get_all_vstream_infos',
      'hailo_get_vstream_frame_size',
    ]) {
      double.setFaults(`fail=${step}:8`)
      const error = await describeHefWithHailort(path).catch((e: unknown) => e)
      expect(error, step).toBeInstanceOf(NativeCallError)
      expect((error as NativeCallError).operation).toBe(step)
      expect(double.calls('hailo_release_hef'), step).toBe(1)
      expect(double.live('hef'), step).toBe(0)
    }
  })

  it('answers undefined when libhailort is not installed, and refuses one that is present but unsupported', async () => {
    expect(
      await describeHefWithHailort(ARCFACE, {
        library: { env: {}, searchDirs: [join(dir, 'nowhere')], useLoaderSearch: false },
      }),
    ).toBeUndefined()
    const old = doubleLibrary('4.19.0')
    old.setFaults('version=4.17.0')
    try {
      await expect(
        describeHefWithHailort(ARCFACE, { library: { env: { HAILORT_LIB: old.path } } }),
      ).rejects.toBeInstanceOf(NativeLibraryError)
    } finally {
      old.setFaults('')
    }
  })
})

describe('describeModel cross-checks the HEF reader with HailoRT by default', () => {
  const described = (model: DoubleModel) =>
    setEnv({ HAILORT_DOUBLE_HEF_DESCRIPTION: writeModel(dir, `described-${Math.random()}.txt`, model) })

  it('no disagreement when HailoRT (the double, describing arcface as the golden file does) agrees with the reader', async () => {
    const undo = described(ARCFACE_LIKE)
    try {
      expect((await describeModel(ARCFACE)).hailortCheck).toEqual({ hailort: '4.23.0', disagreements: [] })
      expect((await describeModel(new Uint8Array(readFileSync(ARCFACE)))).hailortCheck).toEqual({
        hailort: '4.23.0',
        disagreements: [],
      })
    } finally {
      undo()
    }
  })

  it("reports each field where HailoRT's description differs from the reader's", async () => {
    const [input, output] = ARCFACE_LIKE.groups[0]!.vstreams
    const undo = described({
      groups: [
        {
          name: 'arcface_mobilefacenet',
          vstreams: [input!, { ...output!, shape: [1, 1, 256], quant: { ...output!.quant!, zp: 128 } }],
        },
      ],
    })
    try {
      const check = (await describeModel(ARCFACE)).hailortCheck
      expect(check?.disagreements).toEqual([
        { where: 'arcface_mobilefacenet/fc1 shape.features', reader: 512, hailort: 256 },
        { where: 'arcface_mobilefacenet/fc1 quant.zeroPoint', reader: 144, hailort: 128 },
        { where: 'arcface_mobilefacenet/fc1 frameBytes.raw', reader: 512, hailort: 256 },
        { where: 'arcface_mobilefacenet/fc1 frameBytes.float32', reader: 2048, hailort: 1024 },
      ])
    } finally {
      undo()
    }
  })

  it('a HEF HailoRT refuses shows as one disagreement; hailortView: false skips the check', async () => {
    // Without a description the double, like an old HailoRT, cannot read the real file.
    expect((await describeModel(ARCFACE)).hailortCheck).toEqual({
      hailort: '4.23.0',
      disagreements: [{ where: 'HEF', reader: 'readable', hailort: 'refused: status 26 (HAILO_INVALID_HEF)' }],
    })
    expect((await describeModel(ARCFACE, { hailortView: false })).hailortCheck).toBeUndefined()
  })
})
