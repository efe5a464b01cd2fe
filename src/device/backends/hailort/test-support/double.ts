/**
 * Test support for the libhailort double (native/double_*.c): build it for a version of the
 * measured layout table, write model descriptions it reads as "HEFs", point the binding at it, and
 * reach its control functions (faults, live-handle counts) through koffi.
 * @packageDocumentation
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import koffi from 'koffi'
import { buildDouble } from '../../../../../native/build.mjs'
import { configureKoffiStacks } from '../ffi/koffi-stacks.js'

/** One vstream of a model description. */
export interface DoubleVStream {
  readonly direction: 'in' | 'out'
  readonly name: string
  readonly type?: 'uint8' | 'uint16'
  readonly order?: 'NHWC' | 'NC' | 'NHW' | 'NCHW' | 'NMS' | 'NMS_BY_CLASS'
  /** height, width, features */
  readonly shape: readonly [number, number, number]
  readonly quant?: { zp: number; scale: number; min: number; max: number }
  readonly perChannel?: readonly { zp: number; scale: number; min: number; max: number }[]
}

/** A model description: network groups and their vstreams. */
export interface DoubleModel {
  readonly arch?: 'hailo8' | 'hailo8l'
  readonly groups: readonly { name: string; multiContext?: boolean; vstreams: readonly DoubleVStream[] }[]
}

/** The text the double parses (see native/README.md). */
export function modelText(model: DoubleModel): string {
  const lines = ['HAILORT-DOUBLE-HEF 1']
  if (model.arch) lines.push(`arch ${model.arch}`)
  for (const g of model.groups) {
    lines.push(`network_group ${g.name} ${g.multiContext ? 1 : 0}`)
    for (const v of g.vstreams) {
      const q = v.quant ?? { zp: 0, scale: 1, min: 0, max: 255 }
      lines.push(
        `vstream ${v.direction} ${v.name} ${v.type ?? 'uint8'} ${v.order ?? 'NHWC'} ${v.shape.join(' ')} ${q.zp} ${q.scale} ${q.min} ${q.max}`,
      )
      for (const p of v.perChannel ?? []) lines.push(`perchannel ${p.zp} ${p.scale} ${p.min} ${p.max}`)
    }
  }
  return lines.join('\n') + '\n'
}

/** A model like arcface_mobilefacenet: 112×112×3 uint8 identity-quantized in, 512 uint8 out. */
export const ARCFACE_LIKE: DoubleModel = {
  groups: [
    {
      name: 'arcface_mobilefacenet',
      vstreams: [
        {
          direction: 'in',
          name: 'arcface_mobilefacenet/input_layer1',
          shape: [112, 112, 3],
          quant: { zp: 0, scale: 1, min: 0, max: 255 },
        },
        {
          direction: 'out',
          name: 'arcface_mobilefacenet/fc1',
          order: 'NC',
          shape: [1, 1, 512],
          quant: { zp: 144, scale: 0.01673891767859459, min: -2.4104042053222656, max: 1.8580198287963867 },
        },
      ],
    },
  ],
}

/** A fresh folder for model files and the chip file. */
export function scratchDir(prefix = 'hailort-double-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

/** Write a model description; returns its path. */
export function writeModel(dir: string, name: string, model: DoubleModel): string {
  const path = join(dir, name)
  writeFileSync(path, modelText(model))
  return path
}

/** The double's control functions, bound once per library path. */
export interface DoubleControl {
  readonly path: string
  setFaults(spec: string): void
  liveHandles(): number
  live(kind: 'vdevice' | 'hef' | 'input_vstream' | 'output_vstream' | 'network_group'): number
  misuseCount(): number
  lastMisuse(): string
  calls(fn: string): number
  lastBatchSize(): number
  lastVDeviceParams(): string
  /** Fire a notification (`overcurrent`, `lcu_ecc_uncorrectable`…) now, from each open device's notification thread. */
  fire(name: string): void
  /**
   * Notification statistics: `registered` (callbacks set now), `left_at_release` (callbacks still set
   * when their vdevice was released), `delivered`, `last_callback_us` / `max_callback_us` (how long a
   * callback held the notification thread). All but `registered` restart when the faults are set.
   */
  notifyStat(what: 'registered' | 'left_at_release' | 'delivered' | 'last_callback_us' | 'max_callback_us'): number
  /** A C function that puts `kib` KiB on the stack (`.async` runs it on koffi's asynchronous stack). */
  useStack: ((kib: number) => number) & {
    async: (kib: number, callback: (error: unknown, result: number) => void) => void
  }
}

const controls = new Map<string, DoubleControl>()

/**
 * Build (once per content hash) and bind the double for `version`.
 * @example
 * ```ts
 * const double = doubleLibrary('4.23.0'); process.env.HAILORT_LIB = double.path
 * ```
 */
export function doubleLibrary(version = '4.23.0'): DoubleControl {
  const path = buildDouble({ version })
  const known = controls.get(path)
  if (known) return known
  configureKoffiStacks() // as the product does before its first koffi.load
  const lib = koffi.load(path)
  const setFaults = lib.func('int hailort_double_set_faults(const char *spec)')
  const fire = lib.func('int hailort_double_fire(const char *name)') as unknown as (name: string) => number
  const control: DoubleControl = {
    path,
    setFaults(spec) {
      if (setFaults(spec) !== 0) throw new Error(`the double refused the fault spec ${JSON.stringify(spec)}`)
    },
    liveHandles: lib.func('long hailort_double_live_handles(void)') as unknown as () => number,
    live: lib.func('long hailort_double_live(const char *kind)') as unknown as DoubleControl['live'],
    misuseCount: lib.func('long hailort_double_misuse_count(void)') as unknown as () => number,
    lastMisuse: lib.func('const char *hailort_double_last_misuse(void)') as unknown as () => string,
    calls: lib.func('long hailort_double_calls(const char *fn)') as unknown as (fn: string) => number,
    lastBatchSize: lib.func('long hailort_double_last_batch_size(void)') as unknown as () => number,
    lastVDeviceParams: lib.func('const char *hailort_double_last_vdevice_params(void)') as unknown as () => string,
    useStack: lib.func('int hailort_double_use_stack(int kib)') as unknown as DoubleControl['useStack'],
    fire(name) {
      if (fire(name) !== 0) throw new Error(`the double knows no notification ${JSON.stringify(name)}`)
    },
    notifyStat: lib.func('long hailort_double_notify_stat(const char *what)') as unknown as DoubleControl['notifyStat'],
  }
  controls.set(path, control)
  return control
}

/** Environment that points the binding at the double with a chip file in `dir`. */
export function doubleEnv(
  double: DoubleControl,
  dir: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    HAILORT_LIB: double.path,
    HAILORT_DOUBLE_CHIP: join(dir, 'hailo0'),
    VITEST_HAILO_LOCK_DIR: join(dir, 'locks'),
    HAILORT_LOGGER_PATH: join(dir, 'logs'),
    ...extra,
  }
}

/** Set environment variables for the duration of a test; returns a function that restores them. */
export function setEnv(vars: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]))
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
}
