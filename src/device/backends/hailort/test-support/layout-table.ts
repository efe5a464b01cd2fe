/**
 * Typed access to `layouts.json`, the sizes and offsets measured against the real `hailort.h` of
 * each release. Used by the tests of the koffi declarations and by the C double's build, so a wrong
 * belief about the ABI cannot pass on both sides. Not used at run time by the binding itself.
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** `[offset, size]` of one field, in bytes. */
export type FieldLayout = readonly [offset: number, size: number]

/** One struct as the probe measured it. */
export interface StructLayout {
  readonly size: number
  readonly align: number
  readonly fields: Readonly<Record<string, FieldLayout>>
}

/** Everything measured for one HailoRT tag. */
export interface VersionLayout {
  readonly structs: Readonly<Record<string, StructLayout>>
  readonly enums: Readonly<Record<string, Readonly<Record<string, number>>>>
  readonly constants: Readonly<Record<string, number>>
  readonly statuses: Readonly<Record<string, string>>
  readonly exportedFunctionCount: number
}

/** The whole table. */
export interface LayoutTable {
  readonly method: Readonly<Record<string, unknown>>
  readonly signatures: Readonly<Record<string, string>>
  readonly versions: Readonly<Record<string, VersionLayout>>
}

/** Path of the committed table. */
export const LAYOUT_TABLE_PATH = fileURLToPath(new URL('../abi/layouts.json', import.meta.url))

let cached: LayoutTable | undefined

/** Read and parse the table once. */
export function readLayoutTable(): LayoutTable {
  cached ??= JSON.parse(readFileSync(LAYOUT_TABLE_PATH, 'utf8')) as LayoutTable
  return cached
}
