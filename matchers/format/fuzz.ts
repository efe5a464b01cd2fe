/**
 * A fuzz result in words: which property failed, the shrunk counterexample as data to paste back, how
 * many cases ran and how far it shrank, then what differed in the same words and layout as the other
 * matchers (mismatched k / n, greatest difference and where, the classes of both sides). The footer
 * (device, seed, replay token, artifacts) is added by the caller.
 * @packageDocumentation
 */
import type {
  FuzzDifference,
  FuzzFailure,
  FuzzPropertyName,
  FuzzPropertyOutcome,
  FuzzResult,
} from '../../src/fuzz/types.js'
import { formatComparison, formatCriteria, formatFailure } from './parity.js'
import { plural } from './numbers.js'
import { choosePredictions, formatConfidenceNote, formatPredictions } from './predictions.js'
import { sameOutputNote, sameOutputWarning } from './same-output.js'
import { formatTable } from './table.js'

/** What each property claims, in one line (the docs say the same in `docs/fuzzing.md`). */
export const PROPERTY_CLAIMS: Readonly<Record<FuzzPropertyName, string>> = {
  repeatable: 'every generated input gives identical bytes on every run',
  'frame-order': 'any schedule of frames gives, for each frame, the output that frame gives alone',
  'format-paths': 'the float32 and raw vstream paths agree within 1 quantization step',
  encodings: 'uint8, float32 0–255 and host-normalized pixels give the same answer; wrong encodings are refused',
  parity: 'perturbed inputs match the reference within the tolerance',
}

/** Compact JSON stays on one line up to this width; longer data gets one key (or element) per line. */
const ONE_LINE = 100

/** Lines of JSON: compact when it fits, else one key or element per line, each compact in turn. */
function jsonLines(data: unknown, indent: string): string[] {
  const compact = JSON.stringify(data) ?? 'null'
  if (compact.length + indent.length <= ONE_LINE || data === null || typeof data !== 'object') return [indent + compact]
  const inner = `${indent}  `
  const entries = Array.isArray(data)
    ? data.map((v) => jsonLines(v, inner))
    : Object.entries(data).map(([k, v]) => {
        const [first = '', ...rest] = jsonLines(v, inner)
        return [`${inner}${JSON.stringify(k)}: ${first.trimStart()}`, ...rest]
      })
  const body = entries
    .map((lines, i) => (i < entries.length - 1 ? [...lines.slice(0, -1), `${lines.at(-1)!},`] : lines))
    .flat()
  return [`${indent}${Array.isArray(data) ? '[' : '{'}`, ...body, `${indent}${Array.isArray(data) ? ']' : '}'}`]
}

/**
 * What a fuzz run's cases were generated from, for the `Input:` line: the given inputs, the given input, or the
 * model's declared inputs.
 * @example
 * ```ts
 * generatedFromWords({ input: 'cat.png' }) // 'the given input'
 * ```
 */
export function generatedFromWords(options: { readonly input?: unknown; readonly inputs?: unknown }): string {
  if (options.inputs !== undefined) return 'the given inputs'
  return options.input !== undefined ? 'the given input' : "the model's declared inputs"
}

/**
 * A counterexample as JSON a user can paste back into a test, indented under its heading: one line when
 * short, else one key per line.
 * @example
 * ```ts
 * formatCounterexample({ kind: 'constant', value: 0 }) // '  {"kind":"constant","value":0}'
 * ```
 */
export function formatCounterexample(data: unknown): string {
  return jsonLines(data, '  ').join('\n')
}

/** The properties that ran (not those skipped as not applicable). */
export function ranProperties(r: FuzzResult): FuzzPropertyOutcome[] {
  return r.properties.filter((p) => p.status !== 'not-applicable')
}

/** `(47 compared, 3 refused by the device)` for a property that counts refusals and had some; else empty. */
export function comparedNote(p: FuzzPropertyOutcome): string {
  const c = p.casesCompared
  return c === undefined || c >= p.casesRun ? '' : ` (${c} compared, ${p.casesRun - c} refused by the device)`
}

/** One line for the "Received" side. */
export function formatFuzzSummary(r: FuzzResult): string {
  const f = r.failure
  if (f === undefined) {
    const ran = ranProperties(r)
    // Per property, never summed: "held over 15 cases" after numRuns 5 read as 15 cases of each.
    const counts = ran.map((p) => p.casesRun)
    const [least, most] = [Math.min(...counts), Math.max(...counts)]
    const over =
      ran.length === 1
        ? plural(most, 'case')
        : `${least === most ? plural(most, 'case') : `${least}–${most} cases`} each`
    // Also when the budget ran out between properties: the one it left no time for is skipped, not ran.
    const budget = r.properties.some((p) => p.budgetExhausted) ? ' (the time budget ran out first)' : ''
    const note = ran.length === 1 ? comparedNote(ran[0]!) : ''
    const replay = r.replay === undefined ? '' : `; the replayed case of ${r.replay.property} did not fail again`
    const same = sameOutputNote(r, ran.length === 1)
    return `${ran.length === 1 ? `${ran[0]!.name} held` : `all ${ran.length} properties held`} over ${over}${note}${same}${budget}${replay}`
  }
  const shrunk = f.shrinkSteps === 0 ? 'not shrunk further' : `shrunk in ${plural(f.shrinkSteps, 'step')}`
  if (r.replay?.property === f.property) return `${f.property} failed on the replayed case (${shrunk})`
  return `${f.property} failed on case ${f.casesRun} of ${r.numRuns} (${shrunk})`
}

/** The engine's reason for a property the test did not ask for: left out of the line, it is noise. */
const NOT_REQUESTED = 'not requested'

/** `frame-order FAILED after 7 cases; repeatable held over 50 cases; encodings skipped (why)`. */
export function formatPropertiesLine(r: FuzzResult): string {
  const parts = r.properties
    .filter((p) => p.reason !== NOT_REQUESTED)
    .map((p) => {
      const budget = p.budgetExhausted ? ', time budget spent' : ''
      if (p.status === 'failed') return `${p.name} FAILED after ${plural(p.casesRun, 'case')}${budget}`
      if (p.status === 'passed') return `${p.name} held over ${plural(p.casesRun, 'case')}${comparedNote(p)}${budget}`
      return `${p.name} skipped${p.reason === undefined ? '' : ` (${p.reason})`}`
    })
  return `Properties: ${parts.join('; ')}`
}

function formatClasses(d: FuzzDifference): string[] {
  const groups = Object.entries(d.classes).map(([label, predictions], id) => ({ id, label, predictions }))
  if (groups.length === 0 || groups.every((g) => Object.keys(g.predictions).length === 0)) return []
  const choice = choosePredictions(groups)
  const rows = groups.map((g) => [`${g.label}:`, formatPredictions(g.predictions, choice)])
  const note = formatConfidenceNote(groups, choice)
  return ['Classes:', formatTable(rows), ...(note === undefined ? [] : [note])]
}

/** What differed between the two sides of a failing case, one block per failing output. */
export function formatDifference(d: FuzzDifference): string[] {
  const [actual, expected] = d.between
  const lines = [`What differed: ${actual} vs ${expected}${d.claim === undefined ? '' : ` (${d.claim})`}`]
  const names = [...d.comparison.names].sort(
    (a, b) => Number(d.comparison.outputs[a]!.pass) - Number(d.comparison.outputs[b]!.pass),
  )
  for (const name of names) {
    const c = d.comparison.outputs[name]!
    if (c.pass) continue
    lines.push(`Output "${name}":`)
    const body = [...formatComparison(name, c, [actual, expected])]
    if (c.failed.length > 0) body.push(`Failed: ${c.failed.map(formatFailure).join('; ')}`)
    body.push(`Allowed: ${formatCriteria(c.criteria)}`)
    lines.push(...body.map((l) => `  ${l}`))
  }
  const held = names.filter((n) => d.comparison.outputs[n]!.pass)
  if (held.length > 0) lines.push(`Within the tolerance: ${held.map((n) => `"${n}"`).join(', ')}`)
  return [...lines, ...formatClasses(d)]
}

function formatError(e: { readonly name: string; readonly code?: string; readonly message: string }): string {
  return `${e.name}${e.code === undefined ? '' : ` (${e.code})`}: ${e.message}`
}

/** The failure's cause when it is not a difference: an encoding wrongly accepted or refused, or an error. */
function formatCause(f: FuzzFailure): string[] {
  const lines: string[] = []
  const r = f.refusal
  if (r !== undefined) {
    lines.push(
      r.expected === 'refused'
        ? `Encoding ${r.encoding}: expected a named UsageError refusing it, but it was accepted${r.error === undefined ? '' : ` (${formatError(r.error)})`}`
        : `Encoding ${r.encoding}: expected it to be accepted, but it was refused: ${r.error === undefined ? 'no error recorded' : formatError(r.error)}`,
    )
  }
  if (f.error !== undefined) lines.push(`The case threw ${formatError(f.error)}`)
  return lines
}

/**
 * How the replay token's case went, in one line; undefined when the run was no replay.
 * @example
 * ```ts
 * formatReplayLine(result) // 'Replayed: the token's case of frame-order ran first and failed again'
 * ```
 */
export function formatReplayLine(r: FuzzResult): string | undefined {
  const p = r.replay
  if (p === undefined) return r.replayed ? 'Replayed: the failing case of the token ran first' : undefined
  if (p.reproduced) return `Replayed: the token's case of ${p.property} ran first and failed again`
  return `Replayed: the token's case of ${p.property} held — the failure did NOT reproduce, and no other case of ${p.property} ran. Either it is fixed, or it depends on more than the case (a chip whose faults come and go): run without the token, with more numRuns, to search again`
}

/**
 * Every line after "Expected / Received" for a failed fuzz run (or a `.not` that every property survived).
 * @example
 * ```ts
 * const body = formatFuzzBody(await runFuzz(model, { numRuns: 50 }), 'generated')
 * ```
 */
export function formatFuzzBody(r: FuzzResult, inputLine: string): string {
  const lines: string[] = []
  const f = r.failure
  if (f !== undefined) {
    lines.push(`Property: ${f.property} (${PROPERTY_CLAIMS[f.property]})`)
    lines.push('Counterexample (shrunk; paste it back as data):', formatCounterexample(f.counterexample))
    const budget =
      r.properties.find((p) => p.name === f.property)?.budgetExhausted === true ? ', time budget spent' : ''
    const cases = r.replay?.property === f.property ? "the replay token's case only" : `${f.casesRun} of ${r.numRuns}`
    lines.push(`Cases run: ${cases}${budget}; shrink steps: ${f.shrinkSteps}`)
    lines.push('')
    if (f.difference !== undefined) lines.push(...formatDifference(f.difference))
    lines.push(...formatCause(f))
    lines.push('')
  }
  lines.push(formatPropertiesLine(r))
  const same = sameOutputWarning(r)
  if (same !== undefined) lines.push(`Warning: ${same}`)
  const replayed = formatReplayLine(r)
  if (replayed !== undefined) lines.push(replayed)
  lines.push(inputLine)
  return lines.join('\n')
}
