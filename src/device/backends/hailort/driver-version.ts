/**
 * The PCIe driver's version, for the board identity of reports. HailoRT's C API has no call that returns
 * it (neither `hailo_identify` nor `hailo_get_extended_device_information` carries it, 4.18–4.23); the
 * kernel module publishes it in sysfs (`MODULE_VERSION` → `/sys/module/hailo_pci/version` on Linux).
 * Where sysfs does not say, an opened device still tells: libhailort queries the driver when it opens a
 * device and refuses one whose major.minor.revision differ from its own (`HAILO_INVALID_DRIVER_VERSION`).
 * @packageDocumentation
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

/** Where Linux lists loaded kernel modules. */
export const SYSFS_MODULES = '/sys/module'
/** The Hailo-8 / Hailo-8L PCIe driver's module name. */
export const PCIE_DRIVER_MODULE = 'hailo_pci'

/** The driver's version and where it was read. */
export interface DriverVersion {
  readonly version: string
  /** `/sys/module/hailo_pci/version`, or `libhailort` when implied by an opened device. */
  readonly source: string
}

/**
 * The driver version: sysfs when the module publishes it, else libhailort's own when a physical device
 * opened (the library would have refused a driver of another version), else undefined.
 * @example
 * ```ts
 * await readDriverVersion('4.23.0', true) // { version: '4.23.0', source: '/sys/module/hailo_pci/version' }
 * ```
 */
export async function readDriverVersion(
  libraryVersion: string,
  deviceOpened: boolean,
  modules: string = SYSFS_MODULES,
): Promise<DriverVersion | undefined> {
  const file = join(modules, PCIE_DRIVER_MODULE, 'version')
  const text = await readFile(file, 'latin1').then(
    (t) => t.replace(/[^\x20-\x7e]/g, '').trim(),
    () => '',
  )
  if (text !== '') return { version: text.slice(0, 64), source: file }
  return deviceOpened ? { version: libraryVersion, source: 'libhailort' } : undefined
}
