/**
 * Replay tokens: one string that names the property, fast-check's seed and path to the shrunk case,
 * and the fingerprint of the model it failed on — base64url of a versioned JSON object, so a failure
 * on a CI runner replays on a desk (`VITEST_HAILO_REPLAY=<token>`).
 * @packageDocumentation
 */
import { UsageError } from '../errors.js'
import { PROPERTY_NAMES, type FuzzPropertyName } from './types.js'

/** What a replay token holds. */
export interface ReplayToken {
  readonly property: FuzzPropertyName
  /** fast-check's seed. */
  readonly seed: number
  /** fast-check's path to the case (e.g. `3:1:0`). */
  readonly path: string
  /** The model's fingerprint, when it had one. */
  readonly fingerprint?: string
  /**
   * The sizes the case ran at, by input name, for the inputs declared with dynamic dimensions (none: absent). The
   * fingerprint does not hold them, and a case generated at other sizes is another case.
   */
  readonly shapes?: Readonly<Record<string, readonly number[]>>
}

/** The token format this version writes and reads. */
export const TOKEN_VERSION = 1

/**
 * The token for a failing case.
 * @example
 * ```ts
 * encodeToken({ property: 'repeatable', seed: 42, path: '0:1', fingerprint: model.fingerprint() })
 * ```
 */
export function encodeToken(token: ReplayToken): string {
  const { property, seed, path, fingerprint, shapes } = token
  return Buffer.from(
    JSON.stringify({
      v: TOKEN_VERSION,
      p: property,
      s: seed,
      path,
      ...(fingerprint === undefined ? {} : { f: fingerprint }),
      ...(shapes === undefined ? {} : { sh: shapes }),
    }),
  ).toString('base64url')
}

function malformed(token: string, why: string): UsageError {
  const shown = token.length > 40 ? `${token.slice(0, 37)}...` : token
  return new UsageError(
    'E_REPLAY_TOKEN',
    `Cannot replay ${JSON.stringify(shown)}: ${why}. A replay token is the text after "Replay: VITEST_HAILO_REPLAY=" in a fuzz failure message, copied whole.`,
  )
}

/**
 * Read a token; a malformed one (not base64url JSON, another version, a missing field) is a {@link UsageError}.
 * @example
 * ```ts
 * decodeToken(process.env.VITEST_HAILO_REPLAY!) // { property: 'repeatable', seed: 42, path: '0:1', fingerprint: '3f…'
 * }
 * ```
 */
export function decodeToken(token: unknown): ReplayToken {
  if (typeof token !== 'string' || token.trim() === '') throw malformed(String(token), 'it is not a non-empty string')
  const text = token.trim()
  if (!/^[A-Za-z0-9_-]+$/.test(text)) throw malformed(text, 'it holds characters a token never has')
  let data: unknown
  try {
    data = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
  } catch {
    throw malformed(text, 'it does not decode')
  }
  if (typeof data !== 'object' || data === null) throw malformed(text, 'it does not decode to a token')
  const { v, p, s, path, f, sh } = data as Record<string, unknown>
  if (v !== TOKEN_VERSION)
    throw malformed(text, `it is version ${String(v)}, and this vitest-hailo reads version ${TOKEN_VERSION}`)
  if (typeof p !== 'string' || !(PROPERTY_NAMES as readonly string[]).includes(p))
    throw malformed(text, `it names no known property (${PROPERTY_NAMES.join(', ')})`)
  if (typeof s !== 'number' || !Number.isInteger(s)) throw malformed(text, 'its seed is not an integer')
  if (typeof path !== 'string' || !/^\d+(:\d+)*$/.test(path)) throw malformed(text, 'its path is not a fast-check path')
  if (f !== undefined && typeof f !== 'string') throw malformed(text, 'its fingerprint is not a string')
  if (sh !== undefined && !isShapeRecord(sh)) throw malformed(text, 'its shapes are not sizes by input name')
  return {
    property: p as FuzzPropertyName,
    seed: s,
    path,
    ...(f === undefined ? {} : { fingerprint: f }),
    ...(sh === undefined ? {} : { shapes: sh }),
  }
}

function isShapeRecord(value: unknown): value is Record<string, number[]> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  return Object.values(value).every((s) => Array.isArray(s) && s.every((d) => Number.isSafeInteger(d) && d >= 1))
}

const dims = (shape: readonly number[]): string => `[${shape.join(', ')}]`

/**
 * Refuse a token whose case ran at other sizes than this run's (`shapes`: this run's sizes of the inputs declared
 * with dynamic dimensions): with other sizes, its seed and path generate another case.
 * @example
 * ```ts
 * checkTokenShapes(token, { x: [1, 3, 48, 192] })
 * ```
 */
export function checkTokenShapes(
  token: ReplayToken,
  shapes: Readonly<Record<string, readonly number[]>> | undefined,
): void {
  const made = token.shapes
  if (made === undefined || shapes === undefined) return
  const name = Object.keys(made).find((n) => shapes[n] !== undefined && dims(shapes[n]) !== dims(made[n]!))
  if (name === undefined) return
  const record = Object.entries(made).map(([n, s]) => `${n}: ${dims(s)}`)
  const flag = Object.entries(made).map(([n, s]) => `${n}=${s.join(',')}`)
  throw new UsageError(
    'E_REPLAY_SHAPE',
    `This replay token's case ran with input "${name}" at ${dims(made[name]!)}, but this run gives it ${dims(shapes[name]!)}. ` +
      `Give the sizes of the run that failed (shape: { ${record.join(', ')} }; --shape '${flag.join(';')}' from the shell), or drop the token to fuzz afresh.`,
  )
}

/**
 * Refuse a token made for another model.
 * @example
 * ```ts
 * checkTokenModel(token, model.fingerprint())
 * ```
 */
export function checkTokenModel(token: ReplayToken, fingerprint: string | undefined): void {
  if (token.fingerprint === undefined || fingerprint === undefined || token.fingerprint === fingerprint) return
  throw new UsageError(
    'E_REPLAY_MODEL',
    `This replay token was made for the model with fingerprint ${token.fingerprint}, but this model's fingerprint is ${fingerprint}. ` +
      'A token replays only on the same model bytes loaded with the same options: load that model, or drop the token to fuzz afresh.',
  )
}
