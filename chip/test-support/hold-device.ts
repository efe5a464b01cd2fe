/**
 * Second process of the chip suite (run through the TypeScript loader of the backend's test
 * support): opens the chip with the product's own code, prints "held <pid>", keeps it until killed.
 */
import { openDevice } from '../../src/device/open.js'

const device = await openDevice('hailo')
process.stdout.write(`held ${process.pid}\n`)
setInterval(() => void device, 1000)
