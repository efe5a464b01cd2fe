/**
 * File-name sanitizing for failure artifacts. Test names and model output names are user data
 * (output names such as `model/softmax1` contain `/`), so every name becomes ONE safe path segment
 * that can never climb out of the artifacts root.
 * @packageDocumentation
 */
import { createHash } from 'node:crypto'

/** Longest segment kept readable; longer names are cut and suffixed with a hash. */
export const MAX_SEGMENT_LENGTH = 80

/** Short, stable hash of a name (8 hex digits of SHA-256). */
export function shortHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 8)
}

/**
 * Turn any string into one safe path segment: letters, digits, `.`, `_` and `-` only, never `.` or
 * `..`, never empty, at most {@link MAX_SEGMENT_LENGTH} characters. When anything had to change, a
 * hash of the original is appended so two different names never collide (`a/b` vs `a_b`).
 *
 * @example
 * ```ts
 * sanitizeSegment('model/softmax1') // 'model_softmax1-1c9f0e2a'
 * sanitizeSegment('logits')         // 'logits'
 * ```
 */
export function sanitizeSegment(name: string): string {
  let safe = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[.]+/, (dots) => '_'.repeat(dots.length))
  if (safe === '') safe = '_'
  if (safe === name && safe.length <= MAX_SEGMENT_LENGTH) return safe
  const hash = shortHash(name)
  if (safe.length > MAX_SEGMENT_LENGTH - 9) safe = safe.slice(0, MAX_SEGMENT_LENGTH - 9)
  return `${safe}-${hash}`
}

/**
 * Sanitize a relative path segment by segment (`/` and `\` both separate). `.`, `..` and empty
 * segments are dropped, so the result is always a relative path without any way up.
 *
 * @example
 * ```ts
 * sanitizeRelativePath('../../etc/passwd') // 'etc/passwd'
 * ```
 */
export function sanitizeRelativePath(path: string): string {
  const segments = path
    .split(/[\\/]+/)
    .filter((s) => s !== '' && s !== '.' && s !== '..')
    .map(sanitizeSegment)
  return segments.length > 0 ? segments.join('/') : '_'
}
