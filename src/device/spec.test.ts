import { describe, expect, test } from 'vitest'
import { InvalidArgumentError, UnknownNameError } from '../errors.js'
import './backends/builtin.js'
import { registerBackend, unregisterBackend } from './registry.js'
import { formatDeviceSpec, parseDeviceSpec, validSpecs } from './spec.js'
import { EchoDevice } from './test-support/echo-device.js'

describe('parseDeviceSpec', () => {
  test('parses a bare kind, auto, and trims surrounding whitespace', () => {
    expect(parseDeviceSpec('onnx')).toEqual({ text: 'onnx', kind: 'onnx', argument: undefined, params: {} })
    expect(parseDeviceSpec(' auto\n').kind).toBe('auto')
  })

  test('parses a fault with its parameters', () => {
    expect(parseDeviceSpec('faulty:stale,seed=3,inner=onnx')).toEqual({
      text: 'faulty:stale,seed=3,inner=onnx',
      kind: 'faulty',
      argument: 'stale',
      params: { seed: '3', inner: 'onnx' },
    })
  })

  test('keeps the colons of a PCIe BDF in the argument', () => {
    registerBackend('fake-pci', async () => new EchoDevice('fake-pci'), {
      priority: 0,
      auto: false,
      argument: 'optional',
    })
    try {
      expect(parseDeviceSpec('fake-pci:0001:01:00.0').argument).toBe('0001:01:00.0')
      expect(parseDeviceSpec('fake-pci').argument).toBeUndefined()
    } finally {
      unregisterBackend('fake-pci')
    }
  })

  test('refuses an unknown kind, listing the valid specs', () => {
    const error = (() => {
      try {
        parseDeviceSpec('cuda')
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(UnknownNameError)
    expect((error as UnknownNameError).code).toBe('E_UNKNOWN_DEVICE')
    expect((error as Error).message).toMatch(/no device kind "cuda"\. Valid specs: auto, .*onnx/)
  })

  test('refuses an argument where the kind takes none, and parameters it does not accept', () => {
    expect(() => parseDeviceSpec('onnx:gpu')).toThrow(/"onnx" takes no ":gpu"/)
    expect(() => parseDeviceSpec('onnx,threads=2')).toThrow(UnknownNameError)
    expect(() => parseDeviceSpec('onnx,threads=2')).toThrow(
      /unknown parameter "threads" for "onnx"; it takes no parameters/,
    )
    expect(() => parseDeviceSpec('auto:x')).toThrow(/"auto" takes no argument/)
  })

  test('refuses malformed parameters and duplicates', () => {
    expect(() => parseDeviceSpec('faulty:random,seed')).toThrow(InvalidArgumentError)
    expect(() => parseDeviceSpec('faulty:random,=3')).toThrow(/expected key=value/)
    expect(() => parseDeviceSpec('faulty:random,seed=1,seed=2')).toThrow(/"seed" is given twice/)
    expect(() => parseDeviceSpec('faulty:')).toThrow(/needs an argument/)
    expect(() => parseDeviceSpec('faulty')).toThrow(/needs an argument/)
  })

  test('refuses what is not a spec string', () => {
    expect(() => parseDeviceSpec('')).toThrow(InvalidArgumentError)
    expect(() => parseDeviceSpec(undefined)).toThrow(/Expected a device spec string/)
    expect(() => parseDeviceSpec(3)).toThrow(/received 3 of type number/)
  })

  test('lists every registered form', () => {
    expect(validSpecs()).toEqual(expect.arrayContaining(['auto', 'onnx', 'emulator']))
  })

  test('formats a spec back to text', () => {
    expect(formatDeviceSpec({ kind: 'faulty', argument: 'random', params: { seed: '7' } })).toBe('faulty:random,seed=7')
  })
})
