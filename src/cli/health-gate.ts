/**
 * The health gate of `check`, `compare`, `fuzz` and `replay`: a finished check whose board the
 * `--max-temperature` / `--on-event` policy judges unhealthy fails (exit 1) with the matcher's
 * `BoardHealthError` words, its own verdict and message kept; `--on-event warn` only prints the events.
 * The engine's window gives the health; the policy module judges it and writes the words.
 * @packageDocumentation
 */
import { boardWarning } from '../health/format.js'
import { boardHealthError, judgeBoard, type HealthPolicy } from '../health/policy.js'
import type { BoardHealth } from '../health/types.js'
import type { CliIo } from './types.js'
import type { Verdict } from './verdict.js'

/** The check as the gate needs it. */
export interface GatedCheck {
  /** The matcher whose check the command runs, e.g. `toBeDeterministicAcross`: the error's words are its. */
  readonly check: string
  /** The check's own verdict in one line (`all 20 runs gave identical bytes`). */
  readonly ownVerdict: string
  /** What the engine's window saw; undefined on a device that watches no board. */
  readonly health: BoardHealth | undefined
  /** The device spec, named when there was no board to judge. */
  readonly device: string
}

/**
 * `verdict` judged by `policy` (unchanged without one): failed with the `BoardHealthError`'s message when
 * the board was unhealthy, and in every case a `healthGate` entry in the JSON document saying what was judged.
 * @example
 * ```ts
 * const own = { check: 'toBeDeterministicAcross', ownVerdict, health: result.health, device: device.spec }
 * return writeVerdict(io, json, gateOnBoardHealth(io, policy, own, verdict))
 * ```
 */
export function gateOnBoardHealth(
  io: CliIo,
  policy: HealthPolicy | undefined,
  gated: GatedCheck,
  verdict: Verdict,
): Verdict {
  if (policy === undefined) return verdict
  const { health } = gated
  if (health === undefined) {
    // Say it: a gate that silently judged nothing (auto fell back to ONNX Runtime) would pass a CI run it should not.
    io.stderr(
      `vitest-hailo: --max-temperature / --on-event judged nothing: the ${gated.device} device watches no board (only the chip does: hailo, or a fault device over it).\n`,
    )
    return withGate(verdict, { ...policy, judged: false })
  }
  const error = boardHealthError(health, policy, gated.check, gated.ownVerdict, verdict.pass ? undefined : verdict.text)
  const { warnings } = judgeBoard(health, policy)
  if (warnings.length > 0) io.stderr(`${boardWarning(gated.check, warnings, health)}\n`)
  if (error === undefined)
    return withGate(verdict, { ...policy, judged: true, healthy: true, checkPassed: verdict.pass, warnings })
  return withGate(
    { ...verdict, pass: false, text: error.message },
    {
      ...policy,
      judged: true,
      healthy: false,
      checkPassed: verdict.pass,
      code: error.code,
      reasons: error.reasons,
      warnings,
    },
  )
}

function withGate(verdict: Verdict, healthGate: Record<string, unknown>): Verdict {
  return { ...verdict, document: { ...verdict.document, healthGate } }
}
