/**
 * The format of `report.json`, the run report `vitest-hailo/reporter` writes after every run: one
 * record per vitest-hailo matcher call (passing and failing), the boards they ran on, and the host.
 * `report merge` (the CLI) reads several of these, from shards and from boards, and compares them per
 * (model fingerprint, input label) by output digest. Everything here is plain JSON.
 *
 * Changing a field's meaning or removing one bumps {@link RUN_REPORT_FORMAT_VERSION}; adding an
 * optional field does not.
 * @packageDocumentation
 */
import type { BoardHealth } from '../../health/types.js'
import type { DeterminismDetail, FuzzDetail, ParityDetail, StagesDetail } from './check-detail-types.js'

export type * from './check-detail-types.js'

/** The `format` field of every report.json this version writes. */
export const RUN_REPORT_FORMAT = 'vitest-hailo/run-report'
/** The `formatVersion` this version writes; readers refuse others with a message naming both. */
export const RUN_REPORT_FORMAT_VERSION = 1

/** The whole report.json. */
export interface RunReport {
  readonly format: typeof RUN_REPORT_FORMAT
  readonly formatVersion: number
  /** ISO 8601, when the run ended. */
  readonly createdAt: string
  /** vitest-hailo and Vitest versions that wrote it. */
  readonly tool: { readonly vitestHailo: string; readonly vitest: string }
  /** The machine that ran Vitest. */
  readonly host: HostIdentity
  /** `vitest --shard` of this run, e.g. `{ index: 1, count: 3 }`; absent when not sharded. */
  readonly shard?: { readonly index: number; readonly count: number }
  /** Every board (device) a check ran on, once each; checks refer to them by {@link BoardIdentity.id}. */
  readonly boards: readonly BoardIdentity[]
  readonly checks: readonly CheckRecord[]
  readonly totals: RunTotals
}

/** The machine that ran Vitest (the Pi, for a chip). */
export interface HostIdentity {
  /** `os.hostname()`. */
  readonly name: string
  /** `process.arch`, e.g. `arm64`. */
  readonly cpuArch: string
  /** `process.platform`. */
  readonly platform: string
  readonly node: string
}

/**
 * One device as `info()` described it, plus the host it sits in: what tells two boards apart when
 * reports are merged. Two checks on the same device share one entry.
 */
export interface BoardIdentity {
  /**
   * Stable within and across reports: `<host>/<serial>` when the device has a serial, else
   * `<host>/<spec>` (an emulator on two hosts is two boards).
   */
  readonly id: string
  /** `hailo`, `onnx`, `emulator`, `faulty`. */
  readonly kind: string
  /** The spec it was opened with, e.g. `hailo:0001:01:00.0`, `faulty:bitflip,seed=3`. */
  readonly spec: string
  /** `info().description`, one line for humans. */
  readonly description: string
  readonly serial?: string
  /** `HAILO8`, `HAILO8L`… when the device knows it. */
  readonly architecture?: string
  /** HailoRT, driver and firmware versions when known (a subset of `versions`, named for merging). */
  readonly hailort?: string
  readonly driver?: string
  readonly firmware?: string
  /** Every version `info()` gave: `{ hailort, onnxruntime, firmware, … }`. */
  readonly versions: Readonly<Record<string, string>>
  /** Host name and CPU architecture of the machine it is in. */
  readonly host: string
  readonly cpuArch: string
  /** Hex sha256 (16 digits) of kind, spec, serial, architecture and versions: same fingerprint, same board setup. */
  readonly fingerprint: string
  /** Temperature (°C) and throttling when a check read them (the last one read). */
  readonly temperatureC?: number
  readonly throttling?: boolean
}

/** What a check was. */
export type CheckKind = 'determinism' | 'parity' | 'fuzz' | 'stages'

/** The verdict of the test's assertion, `.not` taken into account. */
export type CheckVerdict = 'pass' | 'fail'

/** One vitest-hailo matcher call. */
export interface CheckRecord {
  /** Unique within the report: `<test id>#<call index within the test>`. */
  readonly id: string
  readonly kind: CheckKind
  /** `toBeDeterministicAcross`, `toMatchOnnxWithin`, `toSurviveFuzzing`, `toMatchStagesWithin`. */
  readonly matcher: string
  /** True when called through `.not`. */
  readonly negated: boolean
  /** The assertion's verdict, `.not` applied: `fail` made the test fail. */
  readonly verdict: CheckVerdict
  /** What the engine found, before `.not`: deterministic / within tolerance / survived. */
  readonly held: boolean
  /** One line: "50 runs, 1 distinct output", "12 distinct outputs in 12 runs (random)". */
  readonly summary: string
  readonly test: TestIdentity
  /** {@link BoardIdentity.id} of the device it ran on; absent when the model was not a device's. */
  readonly board?: string
  readonly model: ModelIdentity
  /** Each input the check ran, with the digests of what came out. */
  readonly inputs: readonly InputRecord[]
  readonly seed?: number
  readonly timing: CheckTiming
  /** Failures: the artifacts folder (relative to the Vitest root when inside it), holding summary.json. */
  readonly artifacts?: string
  /** Why artifacts could not be written, when they could not. */
  readonly artifactsError?: string
  /** Kind-specific detail for the plots and tables. */
  readonly determinism?: DeterminismDetail
  readonly parity?: ParityDetail
  readonly fuzz?: FuzzDetail
  readonly stages?: StagesDetail
  /**
   * The board's health over the check's window (temperature, throttling, HailoRT notifications with their run), on a
   * device that reports it (the chip); absent elsewhere.
   */
  readonly health?: BoardHealth
}

/** Where the check was called. */
export interface TestIdentity {
  /** The test file, relative to the Vitest root (forward slashes). */
  readonly file: string
  /** `describe > test`. */
  readonly name: string
  /** The test's own state: a test can hold several checks. */
  readonly state: 'pass' | 'fail' | 'skip' | 'pending'
}

/** The model under test. */
export interface ModelIdentity {
  /** `LoadedModel.fingerprint()`: sha256 of its bytes and load options. */
  readonly fingerprint?: string
  /** Where it came from (a path, `<bytes>`). */
  readonly source?: string
  readonly id?: string
  /** For parity: the reference (`model.onnx`, `recorded outputs`). */
  readonly reference?: string
}

/** One input of a check and what the model gave for it. */
export interface InputRecord {
  /** 0-based position among the check's inputs. */
  readonly index: number
  /** What it was: a path (relative when under the root), `synthetic (seed 42)`, `sample 2 (tensor)`. */
  readonly label: string
  /** Did this input hold (deterministic / within tolerance)? */
  readonly held: boolean
  /**
   * The distinct outputs it gave, each a digest with the runs that gave it. A deterministic input has
   * one. For parity, one (the model's output). Runs whose bytes were not kept have no digest: see
   * {@link InputRecord.undigestedRuns}.
   */
  readonly outputs: readonly OutputDigest[]
  /** Runs whose output matched no kept exemplar (counted only; distinct among them: `undigestedDistinct`). */
  readonly undigestedRuns?: number
  readonly undigestedDistinct?: number
  /** 1-based inclusive ranges of those runs (capped like {@link OutputDigest.runs}). */
  readonly undigestedRanges?: readonly (readonly [number, number])[]
  /** The top-1 of each of those runs, `[run, class, confidence]`, when an output is a classifier (bounded). */
  readonly undigestedTop1?: { readonly output: string; readonly runs: readonly (readonly [number, number, number])[] }
}

/** One distinct output of an input. */
export interface OutputDigest {
  /** Hex sha256 (32 digits) over every output's name, dtype, shape and bytes, names sorted. */
  readonly digest: string
  /** How many runs gave it. */
  readonly count: number
  /** 1-based inclusive run ranges (capped: `truncated` when more runs exist than listed). */
  readonly runs: readonly (readonly [number, number])[]
  readonly truncated?: boolean
  /** Top-1 class of the first classifier-like output, when there is one. */
  readonly top1?: { readonly output: string; readonly classIndex: number; readonly confidence: number }
}

/** Times of a check. */
export interface CheckTiming {
  /** Wall time of the matcher call. */
  readonly totalMs: number
  /** Per-inference numbers, when the engine timed the runs. */
  readonly runs?: number
  readonly medianMs?: number
  readonly p95Ms?: number
}

/** The counts the end-of-run summary prints. */
export interface RunTotals {
  readonly checks: number
  readonly failed: number
  readonly boards: number
  readonly tests: number
}

/** The key under which a test's `task.meta` carries its checks (serializable, read by the reporter). */
export const CHECKS_META_KEY = 'vitestHailoChecks'

/**
 * What a matcher stores in its test's `task.meta[CHECKS_META_KEY]` (an array, one per call): a
 * {@link CheckRecord} before the reporter places it (test identity, board id, relative paths).
 */
export interface RecordedCheck extends Omit<CheckRecord, 'id' | 'test' | 'board'> {
  /** The device as `info()` described it, when the model came from a device. */
  readonly device?: RecordedDevice
  /** Why `info()` failed, when it did. */
  readonly deviceError?: string
  /** ISO 8601, when the matcher was called. */
  readonly startedAt: string
}

/** The serializable part of `DeviceInfo` a check keeps. */
export interface RecordedDevice {
  readonly kind: string
  readonly spec: string
  readonly description: string
  readonly versions: Readonly<Record<string, string>>
  readonly architecture?: string
  readonly serial?: string
  readonly temperatureC?: number
  readonly throttling?: boolean
}
