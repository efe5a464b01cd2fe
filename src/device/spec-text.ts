/**
 * Device specs as a type: the forms the built-in backends accept, so `openDevice('emulatr')` does not
 * compile. A spec known only at run time (an environment variable, the kind of a backend registered with
 * `registerBackend`) goes through the escape `spec as DeviceSpecText`: it is validated at run time all
 * the same, with an error that lists the valid specs.
 * @packageDocumentation
 */
import type { FaultName } from './backends/faults/names.js'

/**
 * A device spec the built-in backends accept (see `validSpecs()` for every registered form).
 * @example
 * ```ts
 * const spec: DeviceSpecText = 'faulty:random,seed=3'
 * await openDevice(process.env.MY_DEVICE as DeviceSpecText)   // known at run time only
 * ```
 */
export type DeviceSpecText =
  'auto' | 'onnx' | 'emulator' | 'hailo' | `hailo:${string}` | `faulty:${FaultName}` | `faulty:${FaultName},${string}`
