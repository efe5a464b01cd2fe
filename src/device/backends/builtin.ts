/**
 * Registers every built-in backend. Each `register.ts` only records an opener; the backend's own
 * modules (and native libraries) load when a device of that kind is opened.
 * @packageDocumentation
 */
import './onnx/register.js'
import './emulator/register.js'
