/**
 * `--shape`: the concrete sizes of a model's dynamic dimensions, as the engines' `shape` option takes them,
 * so a model exported with dynamic height and width can be checked and fuzzed from the shell without an input.
 * @packageDocumentation
 */
import { CommandLineError } from './command-line-error.js'

const FORMS = "1,3,48,192 (the model's one input) or image=1,3,32,32;mask=1,1,32,32 (by input name)"

/**
 * The shape `--shape` gives: one shape, or one per input name; undefined when absent.
 * @example
 * ```ts
 * shapeOption('1,3,48,192') // [1, 3, 48, 192]
 * shapeOption('image=1,3,32,32;mask=1,1,32,32') // { image: [1, 3, 32, 32], mask: [1, 1, 32, 32] }
 * ```
 */
export function shapeOption(
  text: string | undefined,
): readonly number[] | Record<string, readonly number[]> | undefined {
  if (text === undefined) return undefined
  if (!text.includes('=')) return dims(text, text)
  const byName: Record<string, readonly number[]> = {}
  for (const part of text.split(';').filter((p) => p.trim() !== '')) {
    const at = part.indexOf('=')
    const name = part.slice(0, at).trim()
    if (at < 0 || name === '') throw new CommandLineError(`--shape ${JSON.stringify(text)}: expected ${FORMS}.`)
    if (name in byName) throw new CommandLineError(`--shape names input "${name}" twice; give each input once.`)
    byName[name] = dims(part.slice(at + 1), text)
  }
  return byName
}

function dims(part: string, whole: string): number[] {
  const values = part.split(/[,x×]/).map((d) => d.trim())
  if (values.some((d) => !/^\d+$/.test(d) || !(Number(d) >= 1) || !Number.isSafeInteger(Number(d))))
    throw new CommandLineError(
      `--shape ${JSON.stringify(whole)}: every size must be an integer ≥ 1; expected ${FORMS}.`,
    )
  return values.map(Number)
}
