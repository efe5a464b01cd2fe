/**
 * Types only: what `expect(x)` must hold for a vitest-hailo matcher to compile, so that
 * `expect(42).toBeDeterministicAcross(5)` is a type error that says what to pass instead.
 *
 * The matchers' `this` is inferred as Vitest's own `Assertion` of the received type (`Assertion<T>` in
 * Vitest 4, `Assertion<R, T>` in 5; both are written as "whatever `expect<S>` returns", so one declaration
 * serves both majors). A `this` of `Assertion<InferableModel>` alone would not do: Vitest's `Assertion` uses
 * its subject type only through `keyof`, so `Assertion<number>` is assignable to it. Inferring `S` and
 * judging it here does.
 * @packageDocumentation
 */
import type { expect } from 'vitest'
import type { InferableModel } from '../src/device/types.js'

/**
 * The type error for a subject that is not a model. A string literal, so TypeScript prints it whole:
 * "The 'this' context of type 'Assertion<number>' is not assignable to method's 'this' of type '"…"'".
 * @example
 * ```ts
 * // @ts-expect-error: expect(x) needs a model…
 * await expect(42).toBeDeterministicAcross(5)
 * ```
 */
export type ExpectNeedsAModel =
  'expect(x) needs a model: a LoadedModel (await device.load(...) or the load fixture) or any { inputs, outputs, infer }'

/**
 * The type error for a subject that is a promise (usually a `device.load(...)` not yet awaited).
 * @example
 * ```ts
 * // @ts-expect-error: expect(x) got a Promise…
 * await expect(device.load('model.hef')).toBeDeterministicAcross(5)
 * ```
 */
export type ExpectGotAPromise = 'expect(x) got a Promise: await device.load(...) first, then expect(model)'

/**
 * What `expect<S>(…)` returns in the installed Vitest (`Assertion<S>` in 4, `Assertion<void, S>` in 5).
 * @example
 * ```ts
 * type OfModel = ModelAssertion<LoadedModel> // Vitest's Assertion of a LoadedModel
 * ```
 */
export type ModelAssertion<S> = ReturnType<typeof expect<S>>

/** `true` for `any`, which says nothing about the value: such calls compile as they always did. */
type IsAny<S> = 0 extends 1 & S ? true : false

/**
 * The `this` a vitest-hailo matcher accepts for the subject `S`: Vitest's assertion of `S` when `S` is a model
 * (or `any` / `unknown`, which the types cannot judge), else the message that says what to pass.
 * @example
 * ```ts
 * toBeDeterministicAcross<S>(this: ModelReceiver<S>, runs?: number): Promise<void>
 * ```
 */
export type ModelReceiver<S> =
  IsAny<S> extends true
    ? ModelAssertion<S>
    : unknown extends S
      ? ModelAssertion<S>
      : [S] extends [InferableModel]
        ? ModelAssertion<S>
        : [S] extends [PromiseLike<unknown>]
          ? ExpectGotAPromise
          : ExpectNeedsAModel
