/**
 * Helper process (run through ts-loader.mjs): opens the chip, runs one inference of the model
 * given as argv[2], and exits without disposing anything. Its own `exit` listener, added after the
 * device's, prints what the double counted: the notification callbacks removed, and still set.
 */
import koffi from 'koffi'
import { parseDeviceSpec } from '../../../spec.js'
import { HailoDevice } from '../hailo-device.js'
import '../register.js'

// The backend alone (not openDevice): fewer modules for the TypeScript loader, a faster start.
const device = await HailoDevice.open(parseDeviceSpec('hailo'))
const model = await device.load(process.argv[2]!, { format: 'raw' })
const [info] = model.inputs
const size = info!.shape.reduce<number>((n, d) => n * Number(d), 1)
await model.infer({ data: new Uint8Array(size), shape: info!.shape as number[], dtype: 'uint8' })
const double = koffi.load(process.env.HAILORT_LIB!)
const calls = double.func('long hailort_double_calls(const char *fn)')
const stat = double.func('long hailort_double_notify_stat(const char *what)')
process.once('exit', () => {
  const removed = calls('hailo_remove_notification_callback') as number
  const registered = stat('registered') as number
  process.stdout.write(`removed=${removed} registered=${registered}\n`)
})
process.exit(0)
