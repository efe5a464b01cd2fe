import { describe, expect, test } from 'vitest'
import { HefFormatError } from '../errors.js'
import { parseHef } from './read.js'
import { encodeBody, minimalMessage, wrapHef } from './test-support/make-hef.js'

// Synthetic HEFs built with the reader's own schema: each exercises one rule of HailoRT's derivation
// (hef.cpp / layer_info.hpp, v4.23.0). They check the rule as read in the sources, not a real file.
const read = (message: Record<string, unknown>) => parseHef(wrapHef(1, encodeBody(message)), 'synthetic.hef')

describe('vstream derivation rules', () => {
  test('a plain layer: NHWC uint8 with its single quantization and frame sizes', () => {
    const group = read(minimalMessage()).networkGroups[0]!
    expect(group.inputs[0]).toEqual({
      direction: 'input',
      name: 'net/in',
      network: 'net/net',
      format: { type: 'UINT8', order: 'NHWC', flags: 0 },
      shape: { height: 4, width: 6, features: 3 },
      quant: { zeroPoint: 3, scale: 0.5, limvalsMin: -1.5, limvalsMax: 126 },
      frameBytes: { raw: 72, float32: 288 },
    })
  })

  test('2 bytes per element is UINT16 with a raw frame twice as large', () => {
    const out = read(minimalMessage({ output: { base: { dataBytes: 2 } } })).networkGroups[0]!.outputs[0]!
    expect(out.format.type).toBe('UINT16')
    expect(out.frameBytes).toEqual({ raw: 144, float32: 288 })
  })

  test('a transposed layer swaps height and width and sets the TRANSPOSED flag', () => {
    const input = read(minimalMessage({ input: { transposed: true } })).networkGroups[0]!.inputs[0]!
    expect(input.shape).toEqual({ height: 6, width: 4, features: 3 })
    expect(input.format.flags).toBe(2)
  })

  test('compiler format 1 (NHCW on the device) is NHWC on the host, format 5 is NHW', () => {
    expect(read(minimalMessage({ input: { base: { format: 1 } } })).networkGroups[0]!.inputs[0]!.format.order).toBe(
      'NHWC',
    )
    expect(read(minimalMessage({ input: { base: { format: 5 } } })).networkGroups[0]!.inputs[0]!.format.order).toBe(
      'NHW',
    )
  })

  test('per-feature output quantization: zeros in the vstream quant, the real values per channel', () => {
    const message = minimalMessage({
      extensions: [26, 25],
      output: { numeric: { qpZps: [1, 2, 3], qpScales: [0.1, 0.2, 0.3] } },
    })
    const out = read(message).networkGroups[0]!.outputs[0]!
    expect(out.quant).toEqual({ zeroPoint: 0, scale: 0, limvalsMin: 0, limvalsMax: 0 })
    expect(out.quantPerChannel?.map((q) => [q.zeroPoint, q.scale])).toEqual([
      [1, Math.fround(0.1)],
      [2, Math.fround(0.2)],
      [3, Math.fround(0.3)],
    ])
    expect(out.quantPerChannel?.[0]).toMatchObject({ limvalsMin: -1.5, limvalsMax: 126 })
  })

  test('per-feature quantization with the wrong number of values is refused', () => {
    const message = minimalMessage({ extensions: [26, 25], output: { numeric: { qpZps: [1], qpScales: [0.1] } } })
    expect(() => read(message)).toThrow(/has 1 zero points and 1 scales for 3 features/)
  })

  test('an element size of 3 bytes is refused as unsupported content', () => {
    const error = (() => {
      try {
        read(minimalMessage({ input: { base: { dataBytes: 3 } } }))
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(HefFormatError)
    expect((error as HefFormatError).problem).toBe('unsupported-content')
  })

  test('an unknown compiler format code is refused', () => {
    expect(() => read(minimalMessage({ input: { base: { format: 42 } } }))).toThrow(/unknown format code 42/)
  })

  test('outputs follow the sorted output names, not the order of the layers', () => {
    const message = minimalMessage() as {
      networkGroups: { sortedOutputsOrder: string[]; contexts: { metadata: { edgeLayers: unknown[] } }[] }[]
    }
    const ng = message.networkGroups[0]!
    const first = ng.contexts[0]!.metadata.edgeLayers[1] as { layerInfo: { name: string } }
    const second = JSON.parse(JSON.stringify(first)) as { layerInfo: { name: string } }
    second.layerInfo.name = 'net/aaa'
    ng.contexts[0]!.metadata.edgeLayers.push(second)
    ng.sortedOutputsOrder = ['net/aaa', 'net/out']
    expect(read(message).networkGroups[0]!.outputs.map((o) => o.name)).toEqual(['net/aaa', 'net/out'])
  })

  test('a mux layer is described by its predecessors', () => {
    const message = minimalMessage() as {
      networkGroups: { contexts: { metadata: { edgeLayers: Record<string, unknown>[] } }[] }[]
    }
    const layers = message.networkGroups[0]!.contexts[0]!.metadata.edgeLayers
    const out = layers[1] as { layerInfo: Record<string, unknown> }
    const other = { ...out.layerInfo, name: 'net/out2' }
    layers[1] = {
      direction: 1,
      edgeLayerType: 1,
      contextSwitchInfo: { edgeConnectionType: 0 },
      layerMux: {
        name: 'net/mux',
        edgeLayerBase: { height: 1, width: 1, features: 1, dataBytes: 1 },
        muxData: { numberOfPredecessors: 2 },
        predecessors: [{ layerInfo: out.layerInfo }, { layerInfo: other }],
      },
    }
    expect(
      read(message)
        .networkGroups[0]!.outputs.map((o) => o.name)
        .sort(),
    ).toEqual(['net/out', 'net/out2'])
  })

  test('with multi-network support, each layer belongs to the network its index names', () => {
    const message = minimalMessage() as Record<string, unknown> & { networkGroups: Record<string, unknown>[] }
    message.optionalExtensions = [{ typeIndex: 8, name: '' }]
    message.networkGroups[0]!.networksNames = ['sub']
    expect(read(message).networkGroups[0]!.networks).toEqual(['net/sub'])
    expect(read(message).networkGroups[0]!.inputs[0]!.network).toBe('net/sub')
  })

  test('a Hailo-8L HEF is read from its partial network group and reported as HAILO8L', () => {
    const inner = minimalMessage().networkGroups as Record<string, unknown>[]
    const message = {
      ...minimalMessage({ hwArch: 3 }),
      networkGroups: [
        { partialNetworkGroups: [{ networkGroup: inner[0], layout: { partialClustersLayoutBitmap: 1 } }] },
      ],
    }
    const info = read(message)
    expect(info.architecture).toBe('HAILO8L')
    expect(info.networkGroups[0]!.name).toBe('net')
    expect(info.networkGroups[0]!.inputs).toHaveLength(1)
  })

  test('a Hailo-8 HEF describes the group itself even when it also carries partial layouts', () => {
    const base = minimalMessage()
    const group = (base.networkGroups as Record<string, unknown>[])[0]!
    const partial = JSON.parse(JSON.stringify(group).replaceAll('net/in', 'net/partial_in')) as Record<string, unknown>
    const info = read({ ...base, networkGroups: [{ ...group, partialNetworkGroups: [{ networkGroup: partial }] }] })
    expect(info.networkGroups[0]!.inputs.map((v) => v.name)).toEqual(['net/in'])
  })

  test('two streams with the same name are refused, as HailoRT refuses them', () => {
    const message = minimalMessage() as {
      networkGroups: { contexts: { metadata: { edgeLayers: { layerInfo: { name: string } }[] } }[] }[]
    }
    message.networkGroups[0]!.contexts[0]!.metadata.edgeLayers[1]!.layerInfo.name = 'net/in'
    expect(() => read(message)).toThrow(/names the stream "net\/in" twice/)
  })

  test('non-boundary edge layers (between contexts) are not vstreams', () => {
    const message = minimalMessage() as {
      networkGroups: {
        contexts: { metadata: { edgeLayers: { contextSwitchInfo: { edgeConnectionType: number } }[] } }[]
      }[]
    }
    message.networkGroups[0]!.contexts[0]!.metadata.edgeLayers[0]!.contextSwitchInfo.edgeConnectionType = 1
    expect(read(message).networkGroups[0]!.inputs).toEqual([])
  })
})
