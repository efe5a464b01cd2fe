/**
 * The lazy, memoised libhailort loader: finds the library (`HAILORT_LIB` first, then the paths the
 * Debian and Raspberry Pi packages use, then the dynamic loader's own search), checks its version
 * against the measured layout table, and binds the function table. A missing library or an
 * unsupported version is a {@link NativeLibraryError} that lists every path tried and what to install.
 * @packageDocumentation
 */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import koffi from 'koffi'
import { NativeLibraryError } from '../../../../errors.js'
import { HAILORT_FUNCTIONS, type HailortFunctionName } from './functions.js'
import { configureKoffiStacks } from './koffi-stacks.js'
import { checkStatus } from './status.js'
import { familyStructs, type FamilyStructs, type VersionStruct } from './structs.js'
import './types.js'
import {
  explainUnsupported,
  formatVersion,
  layoutFamilyOf,
  type LayoutFamily,
  type LibraryVersion,
} from './versions.js'
import { errorMessage } from '../../../../error-message.js'

/** Environment variable naming the exact libhailort file to load; when set, nothing else is tried. */
export const HAILORT_LIB_ENV = 'HAILORT_LIB'

/** Folders the HailoRT packages install into (Debian .deb, Raspberry Pi OS `hailo-all`, source builds). */
export const SYSTEM_LIBRARY_DIRS: readonly string[] = [
  '/usr/lib',
  '/usr/lib/aarch64-linux-gnu',
  '/usr/lib/x86_64-linux-gnu',
  '/usr/local/lib',
  '/lib',
]

/** The soname the dynamic loader is asked for last (LD_LIBRARY_PATH, /etc/ld.so.cache). */
export const LOADER_NAME = 'libhailort.so'

type AnyFunction = ((...args: unknown[]) => unknown) & { async: (...args: unknown[]) => void }

/** A loaded, version-checked libhailort. */
export interface HailortLibrary {
  /** The file (or soname) that was loaded. */
  readonly path: string
  readonly version: LibraryVersion
  /** `4.23.0` style. */
  readonly versionText: string
  readonly family: LayoutFamily
  readonly structs: FamilyStructs
  /** Synchronous call; for calls that never wait on the device. Returns the C return value. */
  call(name: HailortFunctionName, ...args: unknown[]): unknown
  /** Asynchronous call on a koffi worker thread; resolves with the C return value. */
  callAsync(name: HailortFunctionName, ...args: unknown[]): Promise<unknown>
}

/** Where to look; tests pass their own to stay independent of what the machine has installed. */
export interface LoadHailortOptions {
  readonly env?: NodeJS.ProcessEnv
  readonly searchDirs?: readonly string[]
  /** Also ask the dynamic loader for `libhailort.so` (default true). */
  readonly useLoaderSearch?: boolean
}

const loaded = new Map<string, HailortLibrary>()

/**
 * Load libhailort once per resolved location and return the binding.
 * @example
 * ```ts
 * const lib = loadHailort()
 * console.log(lib.versionText) // '4.23.0'
 * ```
 */
export function loadHailort(options: LoadHailortOptions = {}): HailortLibrary {
  const env = options.env ?? process.env
  const explicit = env[HAILORT_LIB_ENV]
  const candidates = explicit
    ? [explicit]
    : [
        ...systemCandidates(options.searchDirs ?? SYSTEM_LIBRARY_DIRS),
        ...(options.useLoaderSearch === false ? [] : [LOADER_NAME]),
      ]
  const tried: string[] = []
  for (const candidate of candidates) {
    const cached = loaded.get(candidate)
    if (cached) return cached
    const isName = candidate === LOADER_NAME
    if (!isName && !existsSync(candidate)) {
      tried.push(`${candidate} (not found)`)
      continue
    }
    let handle: ReturnType<typeof koffi.load>
    configureKoffiStacks()
    try {
      handle = koffi.load(candidate)
    } catch (error) {
      tried.push(
        `${isName ? `${candidate} (dynamic loader search: LD_LIBRARY_PATH, ld.so.cache)` : candidate} (${firstLine(error)})`,
      )
      continue
    }
    const library = bind(candidate, handle, tried)
    loaded.set(candidate, library)
    return library
  }
  throw missingLibrary(tried, Boolean(explicit))
}

/** Every `libhailort.so*` in the given folders, unversioned name first, then newest version first. */
export function systemCandidates(dirs: readonly string[]): string[] {
  const out: string[] = []
  for (const dir of dirs) {
    let names: string[] = []
    try {
      names = readdirSync(dir).filter((n) => n === 'libhailort.so' || n.startsWith('libhailort.so.'))
    } catch {
      // A folder that does not exist is simply not a candidate; it is still listed below.
    }
    if (names.length === 0) {
      out.push(join(dir, 'libhailort.so'))
      continue
    }
    names.sort((a, b) =>
      a === 'libhailort.so' ? -1 : b === 'libhailort.so' ? 1 : b.localeCompare(a, 'en', { numeric: true }),
    )
    out.push(...names.map((n) => join(dir, n)))
  }
  return out
}

function bind(path: string, handle: ReturnType<typeof koffi.load>, tried: string[]): HailortLibrary {
  const bound = new Map<HailortFunctionName, AnyFunction>()
  const get = (name: HailortFunctionName): AnyFunction => {
    let f = bound.get(name)
    if (!f) {
      try {
        f = handle.func(HAILORT_FUNCTIONS[name].prototype) as unknown as AnyFunction
      } catch (error) {
        throw new NativeLibraryError(
          `${path} does not export ${name} (${firstLine(error)}): it is not a HailoRT ${'4.x'} libhailort. Point ${HAILORT_LIB_ENV} at libhailort.so from the HailoRT package.`,
          [...tried, path],
        )
      }
      bound.set(name, f)
    }
    return f
  }
  const raw: VersionStruct = { major: 0, minor: 0, revision: 0 }
  checkStatus(get('hailo_get_library_version')(raw) as number, 'hailo_get_library_version', { detail: `for ${path}` })
  const version: LibraryVersion = { major: raw.major, minor: raw.minor, revision: raw.revision }
  const family = layoutFamilyOf(version)
  if (!family) throw new NativeLibraryError(`${explainUnsupported(version)} (loaded from ${path})`, [...tried, path])
  return {
    path,
    version,
    versionText: formatVersion(version),
    family,
    structs: familyStructs(family),
    call: (name, ...args) => get(name)(...args),
    callAsync: (name, ...args) =>
      new Promise((resolve, reject) => {
        get(name).async(...args, (error: unknown, result: unknown) => (error ? reject(error) : resolve(result)))
      }),
  }
}

/** Errors that mean "no libhailort was found at all" (as opposed to one that loads but is refused). */
const missingErrors = new WeakSet<object>()

/**
 * Whether `error` is {@link loadHailort}'s "no libhailort found on the search path" (not set through
 * `HAILORT_LIB`): the one load failure that proves there is no usable chip on this machine.
 * @example
 * ```ts
 * try { loadHailort() } catch (e) { if (isLibraryMissing(e)) console.log('no HailoRT installed') }
 * ```
 */
export function isLibraryMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && missingErrors.has(error)
}

function missingLibrary(tried: readonly string[], explicit: boolean): NativeLibraryError {
  const lines = [
    explicit
      ? `${HAILORT_LIB_ENV} points at a libhailort that could not be loaded.`
      : 'libhailort (the HailoRT C library) was not found, so the Hailo device cannot be used.',
    'Tried, in order:',
    ...tried.map((t) => `  - ${t}`),
    'Possible solutions:',
    '  - Raspberry Pi OS (AI Kit / AI HAT+): sudo apt install hailo-all, then reboot',
    '  - Debian / Ubuntu x86_64 or arm64: install the HailoRT 4.x .deb (hailort_4.23.0_<arch>.deb) and the matching hailort-pcie-driver',
    `  - a library elsewhere: ${HAILORT_LIB_ENV}=/path/to/libhailort.so.4.23.0`,
    "  - no chip on this machine: run the ONNX model on the onnx or emulator device (--device emulator from the shell, openDevice('emulator') in code), or skip the chip's tests with onMissingDevice: 'skip'",
  ]
  const error = new NativeLibraryError(lines.join('\n'), tried)
  // HAILORT_LIB set but unloadable is a configuration mistake, not proof that there is no chip.
  if (!explicit) missingErrors.add(error)
  return error
}

function firstLine(error: unknown): string {
  return errorMessage(error).split('\n')[0] ?? ''
}
