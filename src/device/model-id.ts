/**
 * Process-unique model ids such as `onnx:model.onnx#3`: readable in reports, never reused.
 * @packageDocumentation
 */
import { basename } from 'node:path'

let counter = 0

/**
 * A fresh id for a model of `kind` loaded from `source` (a path or `<bytes>`).
 * @example
 * ```ts
 * nextModelId('onnx', 'models/net.onnx') // 'onnx:net.onnx#1'
 * ```
 */
export function nextModelId(kind: string, source: string): string {
  counter += 1
  const name = source.startsWith('<') ? source : basename(source)
  return `${kind}:${name}#${counter}`
}
