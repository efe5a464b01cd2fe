/**
 * HailoRT status codes by name, with hints where a hint helps, and the one function that turns a
 * failed `hailo_status` into a {@link NativeCallError}. Pure: no koffi.
 * Names are those of the `HAILO_STATUS_VARIABLES` list in `hailort.h` of 4.23 (0–93); 85–90 exist
 * from 4.20 and 91–93 from 4.21 (`../abi/layouts.json` holds the per-version lists).
 * @packageDocumentation
 */
import { NativeCallError } from '../../../../errors.js'

/** `HAILO_SUCCESS`. */
export const HAILO_SUCCESS = 0

/** Status names, indexed by number (HailoRT 4.23). */
export const STATUS_NAMES: readonly string[] = [
  'HAILO_SUCCESS',
  'HAILO_UNINITIALIZED',
  'HAILO_INVALID_ARGUMENT',
  'HAILO_OUT_OF_HOST_MEMORY',
  'HAILO_TIMEOUT',
  'HAILO_INSUFFICIENT_BUFFER',
  'HAILO_INVALID_OPERATION',
  'HAILO_NOT_IMPLEMENTED',
  'HAILO_INTERNAL_FAILURE',
  'HAILO_DATA_ALIGNMENT_FAILURE',
  'HAILO_CHUNK_TOO_LARGE',
  'HAILO_INVALID_LOGGER_LEVEL',
  'HAILO_CLOSE_FAILURE',
  'HAILO_OPEN_FILE_FAILURE',
  'HAILO_FILE_OPERATION_FAILURE',
  'HAILO_UNSUPPORTED_CONTROL_PROTOCOL_VERSION',
  'HAILO_UNSUPPORTED_FW_VERSION',
  'HAILO_INVALID_CONTROL_RESPONSE',
  'HAILO_FW_CONTROL_FAILURE',
  'HAILO_ETH_FAILURE',
  'HAILO_ETH_INTERFACE_NOT_FOUND',
  'HAILO_ETH_RECV_FAILURE',
  'HAILO_ETH_SEND_FAILURE',
  'HAILO_INVALID_FIRMWARE',
  'HAILO_INVALID_CONTEXT_COUNT',
  'HAILO_INVALID_FRAME',
  'HAILO_INVALID_HEF',
  'HAILO_PCIE_NOT_SUPPORTED_ON_PLATFORM',
  'HAILO_INTERRUPTED_BY_SIGNAL',
  'HAILO_START_VDMA_CHANNEL_FAIL',
  'HAILO_SYNC_VDMA_BUFFER_FAIL',
  'HAILO_STOP_VDMA_CHANNEL_FAIL',
  'HAILO_CLOSE_VDMA_CHANNEL_FAIL',
  'HAILO_ATR_TABLES_CONF_VALIDATION_FAIL',
  'HAILO_EVENT_CREATE_FAIL',
  'HAILO_READ_EVENT_FAIL',
  'HAILO_DRIVER_OPERATION_FAILED',
  'HAILO_INVALID_FIRMWARE_MAGIC',
  'HAILO_INVALID_FIRMWARE_CODE_SIZE',
  'HAILO_INVALID_KEY_CERTIFICATE_SIZE',
  'HAILO_INVALID_CONTENT_CERTIFICATE_SIZE',
  'HAILO_MISMATCHING_FIRMWARE_BUFFER_SIZES',
  'HAILO_INVALID_FIRMWARE_CPU_ID',
  'HAILO_CONTROL_RESPONSE_MD5_MISMATCH',
  'HAILO_GET_CONTROL_RESPONSE_FAIL',
  'HAILO_GET_D2H_EVENT_MESSAGE_FAIL',
  'HAILO_MUTEX_INIT_FAIL',
  'HAILO_OUT_OF_DESCRIPTORS',
  'HAILO_UNSUPPORTED_OPCODE',
  'HAILO_USER_MODE_RATE_LIMITER_NOT_SUPPORTED',
  'HAILO_RATE_LIMIT_MAXIMUM_BANDWIDTH_EXCEEDED',
  'HAILO_ANSI_TO_UTF16_CONVERSION_FAILED',
  'HAILO_UTF16_TO_ANSI_CONVERSION_FAILED',
  'HAILO_UNEXPECTED_INTERFACE_INFO_FAILURE',
  'HAILO_UNEXPECTED_ARP_TABLE_FAILURE',
  'HAILO_MAC_ADDRESS_NOT_FOUND',
  'HAILO_NO_IPV4_INTERFACES_FOUND',
  'HAILO_SHUTDOWN_EVENT_SIGNALED',
  'HAILO_THREAD_ALREADY_ACTIVATED',
  'HAILO_THREAD_NOT_ACTIVATED',
  'HAILO_THREAD_NOT_JOINABLE',
  'HAILO_NOT_FOUND',
  'HAILO_COMMUNICATION_CLOSED',
  'HAILO_STREAM_ABORT',
  'HAILO_DRIVER_NOT_INSTALLED',
  'HAILO_NOT_AVAILABLE',
  'HAILO_TRAFFIC_CONTROL_FAILURE',
  'HAILO_INVALID_SECOND_STAGE',
  'HAILO_INVALID_PIPELINE',
  'HAILO_NETWORK_GROUP_NOT_ACTIVATED',
  'HAILO_VSTREAM_PIPELINE_NOT_ACTIVATED',
  'HAILO_OUT_OF_FW_MEMORY',
  'HAILO_STREAM_NOT_ACTIVATED',
  'HAILO_DEVICE_IN_USE',
  'HAILO_OUT_OF_PHYSICAL_DEVICES',
  'HAILO_INVALID_DEVICE_ARCHITECTURE',
  'HAILO_INVALID_DRIVER_VERSION',
  'HAILO_RPC_FAILED',
  'HAILO_INVALID_SERVICE_VERSION',
  'HAILO_NOT_SUPPORTED',
  'HAILO_NMS_BURST_INVALID_DATA',
  'HAILO_OUT_OF_HOST_CMA_MEMORY',
  'HAILO_QUEUE_IS_FULL',
  'HAILO_DMA_MAPPING_ALREADY_EXISTS',
  'HAILO_CANT_MEET_BUFFER_REQUIREMENTS',
  'HAILO_DRIVER_INVALID_RESPONSE',
  'HAILO_DRIVER_INVALID_IOCTL',
  'HAILO_DRIVER_TIMEOUT',
  'HAILO_DRIVER_INTERRUPTED',
  'HAILO_CONNECTION_REFUSED',
  'HAILO_DRIVER_WAIT_CANCELED',
  'HAILO_HEF_FILE_CORRUPTED',
  'HAILO_HEF_NOT_SUPPORTED',
  'HAILO_HEF_NOT_COMPATIBLE_WITH_DEVICE',
]

/** Names 36 and 64 had before 4.20 (same numbers, renamed): greppable in older logs. */
export const FORMER_NAMES: Readonly<Record<number, string>> = {
  36: 'HAILO_DRIVER_FAIL',
  64: 'HAILO_PCIE_DRIVER_NOT_INSTALLED',
}

/**
 * The HailoRT minor version that introduced a status, for the ones added inside our range.
 * @example
 * ```ts
 * statusAddedIn(93) // '4.21'
 * statusAddedIn(74) // undefined (older than 4.18)
 * ```
 */
export function statusAddedIn(status: number): string | undefined {
  if (status >= 85 && status <= 90) return '4.20'
  if (status >= 91 && status <= 93) return '4.21'
  return undefined
}

/**
 * The symbolic name of a status.
 * @example
 * ```ts
 * statusName(74) // 'HAILO_OUT_OF_PHYSICAL_DEVICES'
 * ```
 */
export function statusName(status: number): string {
  return STATUS_NAMES[status] ?? `HAILO_STATUS_${status} (unknown to HailoRT ${'4.23'})`
}

const DRIVER_MISMATCH =
  'libhailort and the hailo_pci driver must be the same version: compare `hailortcli --version` (or the library version in this message) with `modinfo hailo_pci | grep ^version`, then install matching packages (Raspberry Pi OS: sudo apt install --reinstall hailo-all) and reboot.'
const WHO_HOLDS = 'find the process holding the chip with `sudo lsof /dev/hailo0` (or `sudo fuser -v /dev/hailo0`)'
const HEF_TOO_OLD_OR_NEW =
  'the Dataflow Compiler that built the HEF must pair with this HailoRT (DFC 3.27/3.28 ↔ 4.18, 3.29 ↔ 4.19, 3.30 ↔ 4.20, 3.31 ↔ 4.21, 3.32 ↔ 4.22, 3.33 ↔ 4.23): recompile the HEF or install the matching HailoRT.'

/** What to do about a status, where a hint helps. */
export const STATUS_HINTS: Readonly<Record<number, string>> = {
  4: 'The chip did not answer in time. Raise `timeoutMs` in device.load(...) if the model is large; if it persists, check `dmesg` for PCIe errors (Raspberry Pi 5: PCIe gen and power supply) and the chip temperature (device.info()).',
  13: 'HailoRT could not open the file: check that the HEF path exists and is readable by this user.',
  16: 'The chip firmware does not match libhailort. Update the firmware to the library version (`hailortcli fw-update`, or on Raspberry Pi OS `sudo apt install --reinstall hailo-all`) and reboot.',
  26: 'The HEF is invalid, or (HailoRT 4.18–4.20, when configuring) compiled for another architecture: a Hailo-8L HEF runs on a Hailo-8, not the reverse (recompile with the right `--hw-arch`, hailo8 or hailo8l). Otherwise check that the file is a complete .hef produced by the Hailo Dataflow Compiler (not an ONNX or a truncated download).',
  64: 'The hailo_pci driver is not loaded: check `lsmod | grep hailo` and `ls /dev/hailo*`; install it (Raspberry Pi OS: sudo apt install hailo-all; elsewhere the hailort-pcie-driver package) and reboot.',
  73: `The chip is in use by another process: ${WHO_HOLDS}, stop it, or enable HailoRT's multi-process service.`,
  74: `No free Hailo chip: either none is visible (check \`lspci | grep -i hailo\`, \`ls /dev/hailo*\`, \`lsmod | grep hailo\`) or another process holds it: ${WHO_HOLDS}.`,
  75: 'HailoRT does not know the architecture the device reports (its firmware may not be loaded, or the chip is not a Hailo-8 / Hailo-8L, which HailoRT 4.x drives): check `hailortcli fw-control identify` and the HailoRT line your chip needs.',
  76: `Driver and library versions differ: ${DRIVER_MISMATCH}`,
  85: `The driver returned an invalid response: ${DRIVER_MISMATCH}`,
  86: `The driver does not know this request: ${DRIVER_MISMATCH}`,
  87: 'The driver timed out: a device reset may be needed (reboot, or reload hailo_pci); check `dmesg` for PCIe errors and power/thermal trouble.',
  91: 'The HEF file is corrupted: rebuild or re-download it and compare its checksum.',
  92: `This HailoRT does not support the HEF: ${HEF_TOO_OLD_OR_NEW}`,
  93: 'The HEF is not compatible with this device: it was compiled for another architecture. A Hailo-8L HEF runs on a Hailo-8, not the reverse: recompile with the right `--hw-arch` (hailo8 or hailo8l).',
}

/** Context that makes a status message useful: the library version, a path, a vstream name. */
export interface StatusContext {
  readonly libraryVersion?: string
  readonly detail?: string
}

/**
 * Build the error for a failed HailoRT call: operation, status number and name, context, hint.
 * @example
 * ```ts
 * throw statusError(74, 'hailo_create_vdevice', { libraryVersion: '4.23.0' })
 * ```
 */
export function statusError(status: number, operation: string, context: StatusContext = {}): NativeCallError {
  const name = statusName(status)
  const former = FORMER_NAMES[status] ? ` (formerly ${FORMER_NAMES[status]})` : ''
  const added = statusAddedIn(status)
  const lines = [
    `${operation} failed with HailoRT status ${status} (${name}${former})` +
      (context.detail ? ` ${context.detail}` : '') +
      (context.libraryVersion ? ` [libhailort ${context.libraryVersion}]` : '') +
      '.',
  ]
  const hint = STATUS_HINTS[status]
  if (hint) lines.push(hint)
  if (added && context.libraryVersion && !versionAtLeast(context.libraryVersion, added)) {
    lines.push(`Note: status ${status} only exists from HailoRT ${added}; this library reports an older version.`)
  }
  return new NativeCallError(operation, lines.join('\n'), { status, statusName: name })
}

/** Throw {@link statusError} unless `status` is `HAILO_SUCCESS`. */
export function checkStatus(status: number, operation: string, context?: StatusContext): void {
  if (status !== HAILO_SUCCESS) throw statusError(status, operation, context)
}

function versionAtLeast(version: string, minimum: string): boolean {
  const [a = 0, b = 0] = version.split('.').map(Number)
  const [c = 0, d = 0] = minimum.split('.').map(Number)
  return a > c || (a === c && b >= d)
}
