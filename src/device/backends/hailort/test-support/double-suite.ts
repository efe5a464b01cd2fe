/**
 * The setup every test file of the HailoRT backend shares: the double built for a version, the
 * environment pointing the binding at it (restored afterwards), an arcface-like model description,
 * and after each test the faults cleared and no handle misused.
 * @packageDocumentation
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { parseDeviceSpec } from '../../../spec.js'
import { HailoDevice } from '../hailo-device.js'
import { ARCFACE_LIKE, doubleEnv, doubleLibrary, scratchDir, setEnv, writeModel, type DoubleControl } from './double.js'

/** What {@link useDoubleChip} gives a test file. */
export interface DoubleChip {
  readonly double: DoubleControl
  /** A scratch folder: the chip file, locks, logs and model descriptions. */
  readonly dir: string
  /** An arcface_mobilefacenet-like model description (112×112×3 uint8 in, 512 out). */
  readonly arcface: string
  /** Open a device on the double (`spec` defaults to `'hailo'`). */
  open(spec?: string, lockTimeoutMs?: number): Promise<HailoDevice>
}

/**
 * Register the file's setup and return its handles.
 * @example
 * ```ts
 * const { double, arcface, open } = useDoubleChip()
 * it('…', async () => { await using device = await open(); … })
 * ```
 */
export function useDoubleChip(version = '4.23.0'): DoubleChip {
  const double = doubleLibrary(version)
  const dir = scratchDir()
  const arcface = writeModel(dir, 'arcface.hef', ARCFACE_LIKE)
  let restore: (() => void) | undefined
  beforeAll(() => {
    restore = setEnv(doubleEnv(double, dir))
  })
  afterAll(() => restore?.())
  afterEach(() => {
    double.setFaults('')
    expect(double.misuseCount(), `the binding misused a handle: ${double.lastMisuse()}`).toBe(0)
  })
  return {
    double,
    dir,
    arcface,
    open: (spec = 'hailo', lockTimeoutMs = 2000) => HailoDevice.open(parseDeviceSpec(spec), { lockTimeoutMs }),
  }
}
