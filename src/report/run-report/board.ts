/**
 * A device's identity in a report: who it is (serial, architecture), what it runs (HailoRT, driver,
 * firmware) and where it sits (host name, CPU architecture) — what `report merge` compares boards by.
 * @packageDocumentation
 */
import { createHash } from 'node:crypto'
import type { BoardIdentity, HostIdentity, RecordedDevice } from './types.js'

/** Version keys backends use for the runtime, driver and firmware (first found wins). */
const VERSION_KEYS = {
  hailort: ['hailort', 'libhailort'],
  driver: ['driver', 'pcieDriver', 'hailoDriver'],
  firmware: ['firmware', 'fw'],
} as const

/**
 * The board a recorded device stands for, on `host`.
 * @example
 * ```ts
 * boardOf({ kind: 'emulator', spec: 'emulator', description: 'Hailo emulator', versions: {} }, host).id //
 * 'pi-a/emulator'
 * ```
 */
export function boardOf(device: RecordedDevice, host: HostIdentity): BoardIdentity {
  const versions = device.versions
  const named: { hailort?: string; driver?: string; firmware?: string } = {}
  for (const [field, keys] of Object.entries(VERSION_KEYS) as [keyof typeof VERSION_KEYS, readonly string[]][]) {
    const key = keys.find((k) => typeof versions[k] === 'string')
    if (key !== undefined) named[field] = versions[key]!
  }
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify([
        device.kind,
        device.spec,
        device.serial ?? null,
        device.architecture ?? null,
        Object.entries(versions).sort(),
      ]),
    )
    .digest('hex')
    .slice(0, 16)
  return {
    id: `${host.name}/${device.serial ?? device.spec}`,
    kind: device.kind,
    spec: device.spec,
    description: device.description,
    ...(device.serial === undefined ? {} : { serial: device.serial }),
    ...(device.architecture === undefined ? {} : { architecture: device.architecture }),
    ...named,
    versions: { ...versions },
    host: host.name,
    cpuArch: host.cpuArch,
    fingerprint,
    ...(device.temperatureC === undefined ? {} : { temperatureC: device.temperatureC }),
    ...(device.throttling === undefined ? {} : { throttling: device.throttling }),
  }
}
