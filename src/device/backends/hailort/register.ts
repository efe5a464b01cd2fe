/**
 * Registers the `hailo` backend (`'hailo'`, `'hailo:<bdf>'`, params `lockTimeoutMs`, `multiProcess`).
 * Imports nothing native: koffi and libhailort load only when a device is opened or `'auto'` probes.
 * @packageDocumentation
 */
import { registerBackend } from '../../registry.js'

/** Priority of `hailo` for `'auto'`: above every software backend, so a present chip wins. */
export const HAILO_PRIORITY = 100

registerBackend(
  'hailo',
  async (spec) => {
    const { HailoDevice } = await import('./hailo-device.js')
    return HailoDevice.open(spec)
  },
  {
    priority: HAILO_PRIORITY,
    argument: 'optional',
    params: ['lockTimeoutMs', 'multiProcess'],
    usage: ['hailo', 'hailo:<bdf>', 'hailo,lockTimeoutMs=<ms>', 'hailo,multiProcess=1'],
    available: async () => (await import('./availability.js')).hailoAvailability(),
  },
)
