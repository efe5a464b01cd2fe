// Second process of the chip suite: opens the chip through the built package (npm run test:chip
// builds dist/ first), prints "held <pid>", and keeps it until killed.
import { openDevice } from '../../dist/src/index.js'

const device = await openDevice('hailo')
process.stdout.write(`held ${process.pid}\n`)
setInterval(() => void device, 1000)
