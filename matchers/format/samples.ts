/**
 * How every matcher speaks about samples: "over 8 samples", which sample the details and artifacts
 * belong to, and the `Input:` line — the same words whichever check ran.
 * @packageDocumentation
 */
import type { EffectiveImageOptions } from '../../src/inputs/image.js'
import { plural } from './numbers.js'

/**
 * The suffix a check over several samples adds to its Expected / Received lines; empty for one sample.
 * @example
 * ```ts
 * `every output within: cosine ≥ 0.99${overSamples(8)}` // '… over 8 samples'
 * ```
 */
export function overSamples(count: number): string {
  return count > 1 ? ` over ${plural(count, 'sample')}` : ''
}

/**
 * A sample by 1-based position and label, without saying "sample 3" twice.
 * @example
 * ```ts
 * sampleName(2, 'images/cat.png')    // 'sample 3 (images/cat.png)'
 * sampleName(2, 'sample 3 (tensor)') // 'sample 3 (tensor)'
 * ```
 */
export function sampleName(index: number, label: string): string {
  const name = `sample ${index + 1}`
  return label === name || label.startsWith(`${name} `) ? label : `${name} (${label})`
}

/**
 * The `Input:` line every message carries: the one sample's label (a path, `synthetic (seed 7)`), or how
 * many samples there were; when image files were read, the options they were loaded with, as an object
 * that can be pasted back as the matcher's `image` option.
 * @example
 * ```ts
 * formatInputLine(['images/cat.png']) // 'Input: images/cat.png'
 * formatInputLine(['a.png', 'b.png'], { resize: 'cv2-bilinear', fit: 'fill', channels: 'bgr', alpha: 'remove',
 * background: [0, 0, 0] })
 * // "Input: 2 samples, loaded with image: { resize: 'cv2-bilinear', fit: 'fill', channels: 'bgr', alpha: 'remove',
 * background: [0, 0, 0] }"
 * ```
 */
export function formatInputLine(labels: readonly string[], image?: EffectiveImageOptions): string {
  const what = labels.length === 1 ? labels[0]! : plural(labels.length, 'sample')
  return `Input: ${what}${image === undefined ? '' : `, loaded with image: ${formatImageOptions(image)}`}`
}

function formatImageOptions(o: EffectiveImageOptions): string {
  const parts = Object.entries(o).map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.join(', ')}]` : `'${String(v)}'`}`)
  return `{ ${parts.join(', ')} }`
}
