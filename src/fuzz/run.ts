/**
 * `runFuzz`: the fuzzing engine. Checks the options, resolves the base inputs, runs each selected
 * property with fast-check (seeded, within `numRuns` and the time budget), and returns what it found
 * as data: per-property outcomes and the first failure, shrunk, with its tensors and a replay token.
 * @packageDocumentation
 */
import { withBoardHealth } from '../health/window.js'
import * as fc from 'fast-check'
import { assertInferableModel } from '../device/assert-inferable.js'
import type { DeviceInfo, InferableModel } from '../device/types.js'
import { isDynamicDim } from '../inputs/shape.js'
import type { TensorInfo } from '../tensor/types.js'
import { AbortedError, InvalidArgumentError, NothingToCompareError } from '../errors.js'
import { fuzzContext, isLoadedModel, type FuzzContext } from './context.js'
import { concreteInfos } from './concrete-shapes.js'
import { faultRestarter, observeRuns } from './case-runs.js'
import { checkFuzzOptions } from './options.js'
import { failureOf } from './failure.js'
import type { CaseTally } from './properties/fuzz-property.js'
import { PROPERTIES } from './registry.js'
import { checkTokenModel, checkTokenShapes } from './token.js'
import {
  PROPERTY_NAMES,
  type FuzzFailure,
  type FuzzOptions,
  type FuzzPropertyName,
  type FuzzPropertyOutcome,
  type FuzzReplayOutcome,
  type FuzzResult,
} from './types.js'

interface Selected {
  readonly name: FuzzPropertyName
  readonly reason: string | undefined
}

function select(ctx: FuzzContext): Selected[] {
  const requested = ctx.options.requested
  const selected = PROPERTY_NAMES.map((name) => ({ name, reason: PROPERTIES[name].applies(ctx) }))
  const replayed = selected.find((s) => s.name === ctx.options.replay?.property)
  if (replayed?.reason !== undefined) {
    throw new InvalidArgumentError(
      `The replay token is for the property ${replayed.name}, which does not apply here: ${replayed.reason}. Replay it where it failed (same device kind), or drop the token.`,
    )
  }
  if (requested !== undefined) {
    const refused = selected.find((s) => requested.includes(s.name) && s.reason !== undefined)
    if (refused !== undefined) {
      throw new InvalidArgumentError(
        `The fuzz property ${refused.name} does not apply here: ${refused.reason}. Leave it out of properties, or give what it needs.`,
      )
    }
    return selected.map((s) => (requested.includes(s.name) ? s : { ...s, reason: 'not requested' }))
  }
  return selected
}

/** The sizes of the inputs declared with dynamic dimensions, by name; undefined when none is. */
function dynamicShapes(
  declared: readonly TensorInfo[],
  concrete: readonly TensorInfo[],
): Record<string, readonly number[]> | undefined {
  const dynamic = declared.flatMap((d, i) => (d.shape.some(isDynamicDim) ? [[d.name, concrete[i]!.shape]] : []))
  return dynamic.length === 0 ? undefined : (Object.fromEntries(dynamic) as Record<string, readonly number[]>)
}

/** The replayed property runs first, so its failing case is the first one tried. */
function order(selected: readonly Selected[], first: FuzzPropertyName | undefined): Selected[] {
  if (first === undefined) return [...selected]
  return [...selected.filter((s) => s.name === first), ...selected.filter((s) => s.name !== first)]
}

/** Fewer compared cases than this share of those run, and a property that held proves too little. */
const MIN_COMPARED_SHARE = 0.5

/**
 * A property that held while comparing (almost) nothing is not reported as held: say what happened.
 * @throws {@link NothingToCompareError} when fewer than half the cases (or none) were compared.
 */
function assertCompared(name: FuzzPropertyName, casesRun: number, tally: CaseTally['counts']): void {
  if (casesRun === 0 || (tally.compared > 0 && tally.compared >= casesRun * MIN_COMPARED_SHARE)) return
  throw new NothingToCompareError(
    `The fuzz property ${name} compared ${tally.compared} of ${casesRun} cases: the device refused the other ${tally.refused} with a UsageError before anything reached the chip (first: ${tally.firstRefusal ?? 'no message'}). A property that compares ${tally.compared === 0 ? 'nothing' : 'so few cases'} proves nothing, so it is not reported as held. The generated inputs do not suit this model's float32 path: leave ${name} out of properties and please report this message.`,
  )
}

/** A property the time budget left no time for: skipped, saying so, never "held over 0 cases". */
function unrunForBudget(name: FuzzPropertyName, when: string): FuzzPropertyOutcome {
  return {
    name,
    status: 'not-applicable',
    casesRun: 0,
    budgetExhausted: true,
    reason: `not run: the time budget was spent ${when}`,
  }
}

/**
 * A run whose budget was spent before any case ran checked nothing: an error, not a pass.
 * @throws {@link NothingToCompareError} when no property ran a case.
 */
function assertSomeCaseRan(budgetMs: number, outcomes: ReadonlyMap<FuzzPropertyName, FuzzPropertyOutcome>): void {
  if ([...outcomes.values()].some((o) => o.casesRun > 0)) return
  throw new NothingToCompareError(
    `The time budget of ${budgetMs} ms was spent before any property ran a case: nothing was checked, so this is not a pass. ` +
      'Give timeBudgetMs room for a few cases (a case costs its inferences; a frame-order case also loads the model afresh), or leave it out.',
  )
}

/**
 * Fuzz `model` with the ready-made properties (see `PROPERTY_NAMES`): every one that applies, or those named.
 * Bad options are a `UsageError` before any inference; a property that fails is data in the result.
 * @throws {@link AbortedError} when `signal` aborts.
 * @example
 * ```ts
 * const result = await runFuzz(model, { numRuns: 20, timeBudgetMs: 60_000 })
 * if (!result.passed) console.log(result.failure!.property, result.failure!.counterexample, result.failure!.token)
 * ```
 */
export async function runFuzz(model: InferableModel, options: FuzzOptions = {}): Promise<FuzzResult> {
  return withBoardHealth(model, () => fuzzOf(model, options))
}

async function fuzzOf(model: InferableModel, options: FuzzOptions): Promise<FuzzResult> {
  assertInferableModel(model, 'the model to fuzz')
  const checked = checkFuzzOptions(options)
  const fingerprint = isLoadedModel(model) ? model.fingerprint() : undefined
  if (checked.replay !== undefined) checkTokenModel(checked.replay, fingerprint)
  const ctx = await fuzzContext(model, checked)
  // A dynamic dimension nothing settles: say so once, before anything runs.
  const shapes = dynamicShapes(model.inputs, concreteInfos('fuzzing', model.inputs, ctx.shape))
  if (checked.replay !== undefined) checkTokenShapes(checked.replay, shapes)
  const selected = order(select(ctx), checked.replay?.property)
  // Build every property before the first inference, so a bad constraint (an unsettled dynamic dimension) fails first.
  const built = selected.map((s) => ({
    ...s,
    property: s.reason === undefined ? PROPERTIES[s.name].build(ctx) : undefined,
  }))
  const deadline = checked.timeBudgetMs === undefined ? undefined : Date.now() + checked.timeBudgetMs
  const outcomes = new Map<FuzzPropertyName, FuzzPropertyOutcome>()
  const restart = faultRestarter(model, checked.seed)
  let failure: FuzzFailure | undefined
  let replayOutcome: FuzzReplayOutcome | undefined
  try {
    for (const { name, reason, property } of built) {
      if (property === undefined || failure !== undefined) {
        outcomes.set(name, {
          name,
          status: 'not-applicable',
          casesRun: 0,
          budgetExhausted: false,
          // Named, not "an earlier one": a replayed property runs first, before those listed ahead of it.
          ...(reason === undefined
            ? { reason: `not run: ${failure?.property ?? 'another property'} failed first` }
            : { reason }),
        })
        continue
      }
      const left = deadline === undefined ? undefined : deadline - Date.now()
      if (left !== undefined && left <= 0) {
        outcomes.set(name, unrunForBudget(name, 'before it started'))
        continue
      }
      const replay = checked.replay?.property === name ? checked.replay : undefined
      const observed = observeRuns(property, {
        replay: replay !== undefined,
        ...(restart === undefined ? {} : { beforeCase: restart }),
      })
      const details = await fc.check(observed.property, {
        numRuns: checked.numRuns,
        seed: checked.seed,
        // A replay runs the token's case, already shrunk: no further shrinking, so it fails exactly as it did.
        ...(replay === undefined ? {} : { path: replay.path, endOnFailure: true }),
        ...(left === undefined ? {} : { plugins: [fc.interruptAfterTimeLimit(left)] }),
      })
      if (details.errorInstance instanceof AbortedError) throw details.errorInstance
      checked.signal?.throwIfAborted()
      // An interruption before any failure is not a failure: the budget ran out.
      const failed = details.failed && details.counterexample !== null
      // A replay runs one case, the token's (and, when it fails, its shrinks); fast-check's count also
      // holds the path it walked to reach it.
      const casesRun = replay === undefined ? details.numRuns : 1
      if (replay !== undefined) replayOutcome = { property: name, reproduced: observed.replayedCase() === 'failed' }
      const tally = property.tally?.counts
      // A replay runs one case: nothing to say about how the outputs varied.
      const same = failed || replay !== undefined ? undefined : property.dependence?.sameOutputForEveryInput()
      if (!failed && replay === undefined && casesRun === 0 && details.interrupted) {
        outcomes.set(name, unrunForBudget(name, 'before its first case'))
        await property.dispose()
        continue
      }
      if (!failed && tally !== undefined && replay === undefined) assertCompared(name, casesRun, tally)
      outcomes.set(name, {
        name,
        status: failed ? 'failed' : 'passed',
        casesRun,
        budgetExhausted: details.interrupted,
        ...(tally === undefined || failed ? {} : { casesCompared: tally.compared }),
        ...(same === undefined ? {} : { sameOutputForEveryInput: same }),
      })
      if (failed)
        failure = { ...failureOf(name, details, fingerprint, shapes), ...(replay === undefined ? {} : { casesRun }) }
      await property.dispose() // release its second loads before the next property loads its own (one chip)
    }
    if (failure === undefined && checked.timeBudgetMs !== undefined) assertSomeCaseRan(checked.timeBudgetMs, outcomes)
  } finally {
    for (const b of built) await b.property?.dispose()
  }
  let device: DeviceInfo | undefined
  if (isLoadedModel(model)) device = await model.device.info()
  return {
    passed: failure === undefined,
    seed: checked.seed,
    numRuns: checked.numRuns,
    ...(fingerprint === undefined ? {} : { fingerprint }),
    ...(device === undefined ? {} : { device }),
    replayed: checked.replay !== undefined,
    ...(replayOutcome === undefined ? {} : { replay: replayOutcome }),
    properties: PROPERTY_NAMES.map((n) => outcomes.get(n)!),
    ...(failure === undefined ? {} : { failure }),
  }
}
