/**
 * Native handles released in reverse order of acquisition, on every path: a load that fails half
 * way releases what it had taken so far; a disposed model releases everything. Every release runs
 * even when an earlier one fails; the failures are returned, not thrown half way.
 * @packageDocumentation
 */

/** One release step. */
interface Step {
  readonly what: string
  readonly release: () => unknown
}

/** A last-in, first-out list of release steps. */
export class ReleaseStack {
  readonly #steps: Step[] = []

  /** Register how to release something just acquired. */
  push(what: string, release: () => unknown): void {
    this.#steps.push({ what, release })
  }

  /** How many releases are pending. */
  get size(): number {
    return this.#steps.length
  }

  /** Release everything, newest first; returns the errors of the steps that failed. */
  async releaseAll(): Promise<Error[]> {
    const errors: Error[] = []
    for (let step = this.#steps.pop(); step; step = this.#steps.pop()) {
      try {
        await step.release()
      } catch (error) {
        errors.push(error instanceof Error ? error : new Error(`releasing ${step.what} failed: ${String(error)}`))
      }
    }
    return errors
  }

  /** Release everything, then rethrow `error` (with release failures attached as `cause`). */
  async unwind(error: unknown): Promise<never> {
    const failures = await this.releaseAll()
    if (failures.length > 0 && error instanceof Error && error.cause === undefined) {
      Object.defineProperty(error, 'cause', {
        value: new AggregateError(failures, 'Releasing native handles also failed'),
        enumerable: false,
        configurable: true,
        writable: true,
      })
    }
    throw error
  }
}
