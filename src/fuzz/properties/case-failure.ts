/**
 * How a property's predicate reports a failing case: it throws a {@link FuzzCaseFailure} carrying the
 * case's tensors and what differed, so the engine can hand them back as data after fast-check shrinks.
 * @packageDocumentation
 */
import { AbortedError } from '../../errors.js'
import type { Tensor, TensorMap } from '../../tensor/types.js'
import type { FuzzDifference, FuzzRefusal } from '../types.js'

/** The tensors and findings of one failing case. */
export interface CaseDetails {
  /** Inputs by label, then input name. */
  readonly inputs: Readonly<Record<string, Readonly<Record<string, Tensor>>>>
  /** Outputs by label. */
  readonly outputs: Readonly<Record<string, TensorMap>>
  readonly difference?: FuzzDifference
  readonly refusal?: FuzzRefusal
  /** An unexpected error the case threw, when that was the failure. */
  readonly error?: ErrorSummary
}

/** A failing case, thrown by a property's predicate. */
export class FuzzCaseFailure extends Error {
  readonly details: CaseDetails
  constructor(message: string, details: CaseDetails) {
    super(message)
    this.name = 'FuzzCaseFailure'
    this.details = details
  }
}

/**
 * Rethrow what a case threw, with the case's tensors attached: a {@link FuzzCaseFailure} or an abort as
 * it is, anything else (a device error, an input refused on an accepted path) as a failure of the case.
 * @example
 * ```ts
 * try { … } catch (error) { caseError(error, { input: tensors }, outputs) }
 * ```
 */
export function caseError(error: unknown, inputs: CaseDetails['inputs'], outputs: CaseDetails['outputs']): never {
  if (error instanceof FuzzCaseFailure || error instanceof AbortedError) throw error
  throw new FuzzCaseFailure(`the case threw ${error instanceof Error ? error.name : typeof error}`, {
    inputs,
    outputs,
    error: summarizeError(error),
  })
}

/** An error as plain data: name, code (vitest-hailo errors), message. */
export interface ErrorSummary {
  readonly name: string
  readonly code?: string
  readonly message: string
}

/**
 * Plain data for any thrown value.
 * @example
 * ```ts
 * summarizeError(new InputMismatchError('…')) // { name: 'InputMismatchError', code: 'E_INPUT_MISMATCH', message: '…' }
 * ```
 */
export function summarizeError(error: unknown): ErrorSummary {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    return { name: error.name, ...(typeof code === 'string' ? { code } : {}), message: error.message }
  }
  return { name: typeof error, message: String(error) }
}
