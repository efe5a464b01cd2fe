/**
 * Registers every built-in backend. Each `register.ts` only records an opener; the backend's own
 * modules (and native libraries) load when a device of that kind is opened.
 * @packageDocumentation
 */
import './onnx/register.js'
import './emulator/register.js'
import './faults/register.js'
// The `hailo` backend registers itself from ./hailort/register.ts (owner: HAILORT); its import
// belongs here, next to the others, so `'auto'` can try the chip first.
import './hailort/register.js'
