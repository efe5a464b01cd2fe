/**
 * Helper process (run through ts-loader.mjs): opens the chip with the product's own code path
 * (openDevice → chip lock → vdevice), loads the model given as argv[2], runs one inference so
 * its vstreams are live, prints "held", and keeps everything until it is killed.
 */
import { openDevice } from '../../../open.js'

const device = await openDevice('hailo')
const model = await device.load(process.argv[2]!, { format: 'raw' })
const [info] = model.inputs
const size = info!.shape.reduce<number>((n, d) => n * Number(d), 1)
await model.infer({ data: new Uint8Array(size), shape: info!.shape as number[], dtype: 'uint8' })
process.stdout.write('held\n')
setInterval(() => undefined, 1000)
