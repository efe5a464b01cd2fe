/**
 * Progress on stderr while a command infers: `runs 37 of 50, 812/s, 0.0 s left`, redrawn in place at
 * most every {@link REDRAW_MS} and erased at the end. Drawn only when stderr is a terminal (a CI log or
 * a pipe gets nothing), so stdout stays the one document a script reads.
 * @packageDocumentation
 */
/** Minimum time between two redraws. */
export const REDRAW_MS = 100

/** Counts work done and draws it. */
export interface Progress {
  /** One more unit done. */
  tick(): void
  /** Erase the line (call once, pass or fail). */
  done(): void
}

/** What to draw and where. */
export interface ProgressOptions {
  /** What is counted, plural: `runs`, `samples`. */
  readonly unit: string
  /** Units expected; absent when nobody knows in advance (fuzzing), then only `budgetMs` gives a time left. */
  readonly total?: number
  /** A time limit the work stops at, for the time left when `total` is unknown. */
  readonly budgetMs?: number
  readonly write: (text: string) => void
  /** Milliseconds, monotonic. @defaultValue `performance.now` */
  readonly now?: () => number
}

const CLEAR_LINE = '\r\x1b[K'

/** A progress that draws nothing: stderr is not a terminal. */
export const SILENT_PROGRESS: Progress = { tick() {}, done() {} }

/**
 * A progress line for `total` units.
 * @example
 * ```ts
 * const progress = io.interactive ? drawProgress({ unit: 'runs', total: 50, write: io.stderr }) : SILENT_PROGRESS
 * ```
 */
export function drawProgress({
  unit,
  total,
  budgetMs,
  write,
  now = () => performance.now(),
}: ProgressOptions): Progress {
  const start = now()
  let count = 0
  let drawn = -Infinity
  let visible = false
  return {
    tick() {
      count++
      const t = now()
      if (t - drawn < REDRAW_MS && (total === undefined || count < total)) return
      drawn = t
      visible = true
      write(
        `${CLEAR_LINE}${total === undefined ? openProgressLine(unit, count, t - start, budgetMs) : progressLine(unit, count, total, t - start)}`,
      )
    },
    done() {
      if (visible) write(CLEAR_LINE)
      visible = false
    },
  }
}

/**
 * The text of one progress line.
 * @example
 * ```ts
 * progressLine('runs', 37, 50, 1000) // 'runs 37 of 50, 37.0/s, 0.4 s left'
 * ```
 */
export function progressLine(unit: string, count: number, total: number, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (count * 1000) / elapsedMs : 0
  const left = rate > 0 ? timeLeft((total - count) / rate) : '?'
  return `${unit} ${count} of ${total}, ${rateText(count, elapsedMs)}, ${left} left`
}

/**
 * The text of one progress line when the total is unknown: the count, the rate, and the time left of a budget.
 * @example
 * ```ts
 * openProgressLine('inferences', 120, 2000, 60_000) // 'inferences 120, 60.0/s, at most 58.0 s left'
 * ```
 */
export function openProgressLine(unit: string, count: number, elapsedMs: number, budgetMs?: number): string {
  const left = budgetMs === undefined ? '' : `, at most ${timeLeft(Math.max(0, budgetMs - elapsedMs) / 1000)} left`
  return `${unit} ${count}, ${rateText(count, elapsedMs)}${left}`
}

function rateText(count: number, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (count * 1000) / elapsedMs : 0
  return `${rate >= 100 ? Math.round(rate) : rate.toFixed(1)}/s`
}

function timeLeft(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`
  const minutes = Math.floor(seconds / 60)
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`
}
