/**
 * Registers the `onnx` backend. Imports nothing heavy: the opener loads the device module (and
 * with it onnxruntime-node) only when a device is opened.
 * @packageDocumentation
 */
import { registerBackend } from '../../registry.js'

/** Priority of `onnx` for `'auto'`: below the chip, so a present chip wins. */
export const ONNX_PRIORITY = 10

registerBackend(
  'onnx',
  async (spec) => {
    const { OnnxDevice } = await import('./onnx-device.js')
    return OnnxDevice.open(spec.text)
  },
  { priority: ONNX_PRIORITY },
)
