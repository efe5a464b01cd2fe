/**
 * The faults the `faulty` device reproduces, each a failure seen in the field, and what each does.
 * Kept free of imports so spec parsing can list them without loading any backend.
 * @packageDocumentation
 */

/** Every fault, with one line saying what it does. */
export const FAULTS = {
  random:
    'every output replaced by seeded noise (with probability rate, default 1): raw garbage, outputs disagree with each other',
  'garbage-input':
    'the network runs on a seeded garbage input buffer instead of the frame (with probability rate, default 1): a plausible softmax of a different class on every run, as in the motivating report',
  stale: "each call returns the previous call's output: output k depends on input k−1",
  'first-run': 'the first inference returns garbage, later ones are right',
  bitflip: 'with probability rate per call (default 0.5), 1–3 random bits of one output are flipped',
  'skip-normalization':
    'the input normalization is not applied (emulator: the .alls normalization; float inputs: fed ×255)',
  'wrong-format': 'float32 inputs cast to uint8 as HailoRT does under identity quantization (round, no clip, C cast)',
  alternating: 'two output buffers alternate: every second call returns a second, wrong buffer',
} as const

/** A fault name. */
export type FaultName = keyof typeof FAULTS

/** Every fault name, in a stable order. */
export const FAULT_NAMES = Object.keys(FAULTS) as readonly FaultName[]

/** Faults that take a `rate` parameter, with its default. */
export const RATE_DEFAULTS: Readonly<Partial<Record<FaultName, number>>> = {
  random: 1,
  'garbage-input': 1,
  bitflip: 0.5,
}

/** The inner device a fault wraps when the spec does not say `inner=`. */
export const DEFAULT_INNER = 'emulator'
