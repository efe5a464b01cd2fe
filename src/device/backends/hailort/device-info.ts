/**
 * `device.info()` for a Hailo chip: library and driver versions, architecture (Hailo-8 vs Hailo-8L: the
 * Raspberry Pi AI Kit is an 8L), firmware, board name and serial (`hailo_identify`), temperature and
 * throttling — the environment fingerprint of every report. A query the chip refuses is left out
 * and noted in `extra.unavailable`, never fatal.
 * @packageDocumentation
 */
import type { DeviceInfoParts } from '../../base-device.js'
import { readDriverVersion } from './driver-version.js'
import type { HailortLibrary } from './ffi/library.js'
import { statusName } from './ffi/status.js'
import type { ChipTemperatureStruct, DeviceIdentityStruct } from './ffi/structs.js'
import { ARCHITECTURES } from './ffi/type-values.js'
import type { Handle } from './ffi/types.js'

/** Marketing name of an architecture enum value. */
export function architectureName(value: number): string {
  if (value === 1) return 'Hailo-8'
  if (value === 2) return 'Hailo-8L'
  const raw = ARCHITECTURES[value]
  return raw ? raw.replace(/^HAILO/, 'Hailo-') : `unknown architecture ${value}`
}

function text(bytes: Uint8Array | string, length: number): string {
  const raw = typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('latin1')
  return raw
    .slice(0, length)
    .replace(/[^\x20-\x7e]/g, '')
    .trim()
}

/** Read everything the chip tells about itself. */
export async function readDeviceInfo(
  lib: HailortLibrary,
  device: Handle | undefined,
  bdf: string | undefined,
): Promise<DeviceInfoParts> {
  const versions: Record<string, string> = { hailort: lib.versionText }
  const extra: Record<string, unknown> = { library: lib.path, layout: lib.family }
  const unavailable: string[] = []
  let architecture: string | undefined
  let serial: string | undefined
  let board: string | undefined
  let temperatureC: number | undefined
  let throttling: boolean | undefined
  if (device === undefined) {
    unavailable.push('physical device (vdevice without one)')
  } else {
    const identity = {} as DeviceIdentityStruct
    const idStatus = (await lib.callAsync('hailo_identify', device, identity)) as number
    if (idStatus === 0) {
      architecture = architectureName(identity.device_architecture)
      const fw = identity.fw_version
      versions.firmware = `${fw.major}.${fw.minor}.${fw.revision}`
      board = text(identity.board_name, identity.board_name_length)
      serial = text(identity.serial_number, identity.serial_number_length)
      extra.board = board
      extra.partNumber = text(identity.part_number, identity.part_number_length)
      extra.productName = text(identity.product_name, identity.product_name_length)
      extra.firmwareIsRelease = identity.is_release
    } else unavailable.push(`hailo_identify: ${statusName(idStatus)}`)
    const temperature = {} as ChipTemperatureStruct
    const tStatus = (await lib.callAsync('hailo_get_chip_temperature', device, temperature)) as number
    if (tStatus === 0)
      temperatureC = Math.round(((temperature.ts0_temperature + temperature.ts1_temperature) / 2) * 10) / 10
    else unavailable.push(`hailo_get_chip_temperature: ${statusName(tStatus)}`)
    const active: [boolean] = [false]
    const thStatus = (await lib.callAsync('hailo_get_throttling_state', device, active)) as number
    if (thStatus === 0) throttling = active[0]
    else unavailable.push(`hailo_get_throttling_state: ${statusName(thStatus)}`)
  }
  const driver = await readDriverVersion(lib.versionText, device !== undefined)
  if (driver !== undefined) {
    versions.driver = driver.version
    extra.driverSource = driver.source
  } else unavailable.push('driver version (no /sys/module/hailo_pci/version, no physical device)')
  if (unavailable.length > 0) extra.unavailable = unavailable
  const where = bdf ?? 'the first free chip'
  const description = `${architecture ?? 'Hailo'}${versions.firmware ? ` (fw ${versions.firmware})` : ''} on ${where}`
  return {
    description,
    versions,
    ...(architecture !== undefined ? { architecture } : {}),
    ...(serial ? { serial } : {}),
    ...(temperatureC !== undefined ? { temperatureC } : {}),
    ...(throttling !== undefined ? { throttling } : {}),
    extra,
  }
}
