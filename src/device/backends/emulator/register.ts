/**
 * Registers the `emulator` backend. Never picked by `'auto'`: it is a stand-in for the chip that
 * must be asked for by name. The opener loads onnxruntime-node only when a device is opened.
 * @packageDocumentation
 */
import { registerBackend } from '../../registry.js'

registerBackend(
  'emulator',
  async (spec) => {
    const { EmulatorDevice } = await import('./emulator-device.js')
    return EmulatorDevice.open(spec.text)
  },
  { priority: 0, auto: false },
)
