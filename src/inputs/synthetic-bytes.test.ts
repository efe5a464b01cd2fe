import { createHash } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import type { TensorInfo } from '../tensor/types.js'
import { INPUT_KINDS, syntheticInputs } from './synthetic.js'

// A replay token names a case by its description; the case's bytes come from these kernels. If they change, an
// old token replays different pixels and may pass where it failed: a change here needs TOKEN_VERSION bumped
// (src/fuzz/token.ts) and these digests renewed, never one without the other.
const infos: TensorInfo[] = [
  { name: 'nchw', dtype: 'float32', shape: [1, 3, 10, 13], layout: 'NCHW', quant: { scale: 0.02, zeroPoint: 5 } },
  { name: 'nhwc', dtype: 'uint8', shape: [2, 7, 5, 3], layout: 'NHWC' },
  { name: 'flat', dtype: 'int16', shape: [1, 300], layout: 'NC' },
  { name: 'f64', dtype: 'float64', shape: [1, 9, 11], layout: 'NHW' },
]

// sha256 (first 16 hex digits) of the four inputs' bytes, as the kernels of December 2026 wrote them.
const PINNED: Record<string, string> = {
  'uniform 3': 'e72e1c0494a36d84',
  'uniform 4': '775d10dfa6faace0',
  'uniform 5': '9777dc3b9df80011',
  'uniform 6': 'e691429feac0009a',
  'constant 3': 'ebe3a3aff0e5116c',
  'constant 4': 'ebe3a3aff0e5116c',
  'constant 5': 'ebe3a3aff0e5116c',
  'constant 6': 'ebe3a3aff0e5116c',
  'gradient 3': '6ac491a453a46d90',
  'gradient 4': 'dc3ab6ac7edc411b',
  'gradient 5': 'f5c78ec4a0e58a00',
  'gradient 6': '00f4c3eb0b229a77',
  'checker 3': '56081fbd2c451061',
  'checker 4': 'b8e6368e434fe091',
  'checker 5': '545fc19e9f5a9a55',
  'checker 6': 'e3476e56e873ac48',
  'saturated 3': 'fcafafaee800237c',
  'saturated 4': 'da528ccc86257578',
  'saturated 5': '14646792083a76db',
  'saturated 6': 'b705538e6e9b1914',
  'quant-edges 3': '8e4dc127952c0dc6',
  'quant-edges 4': '4f0ec55b1dd92dd2',
  'quant-edges 5': '241a2e6629a6ed28',
  'quant-edges 6': '16508313eb35102f',
}

describe('synthetic input bytes', () => {
  test.each(INPUT_KINDS.flatMap((kind) => [3, 4, 5, 6].map((seed) => [kind, seed] as const)))(
    '%s, seed %i, are the pinned bytes (every gradient direction and four checker cell sizes)',
    (kind, seed) => {
      const tensors = syntheticInputs(infos, { seed, kind })
      const hash = createHash('sha256')
      for (const { name } of infos) {
        const { data } = tensors[name]!
        hash.update(Buffer.from(data.buffer, data.byteOffset, data.byteLength))
      }
      expect(hash.digest('hex').slice(0, 16)).toBe(PINNED[`${kind} ${seed}`])
    },
  )
})
