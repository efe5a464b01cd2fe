/**
 * Registers the `faulty` backend: `faulty:<fault>[,seed=N][,rate=R][,inner=<spec>]`. Never picked by
 * `'auto'`. The opener opens the inner device through the context `openDevice` hands it, so any spec can be
 * wrapped without this backend importing `open.ts` back.
 * @packageDocumentation
 */
import { registerBackend } from '../../registry.js'
import { FAULT_NAMES } from './names.js'

registerBackend(
  'faulty',
  async (spec, context) => {
    const [{ parseFaultSpec }, { FaultyDevice }] = await Promise.all([
      import('./fault-spec.js'),
      import('./faulty-device.js'),
    ])
    const fault = parseFaultSpec(spec)
    const inner = await context.openDevice(fault.inner)
    return new FaultyDevice(fault, inner)
  },
  {
    priority: 0,
    auto: false,
    argument: 'required',
    params: ['seed', 'rate', 'inner'],
    usage: [`faulty:<${FAULT_NAMES.join('|')}>[,seed=N][,rate=R][,inner=<spec>]`],
  },
)
