// Lets a helper process run the project's TypeScript as it is (no build): `node --import
// ./ts-loader.mjs child.ts`. Each .ts module is transpiled alone with the project's own
// TypeScript, and `./x.js` specifiers resolve to `./x.ts` when only the .ts exists (NodeNext style).
import { register } from 'node:module'

register('./ts-hooks.mjs', import.meta.url)
