/**
 * Enum values and array bounds of the HailoRT C API that the binding uses; identical in 4.18–4.23
 * (see `../abi/layouts.json`). Pure: no koffi, so code that only needs the numbers stays light.
 * @packageDocumentation
 */

/** Enum values the binding uses (identical in 4.18–4.23, see `../abi/layouts.json`). */
export const FormatType = { AUTO: 0, UINT8: 1, UINT16: 2, FLOAT32: 3 } as const
export const FormatOrder = {
  AUTO: 0,
  NHWC: 1,
  NHCW: 2,
  FCR: 3,
  F8CR: 4,
  NHW: 5,
  NC: 6,
  BAYER_RGB: 7,
  BIT12_BAYER_RGB: 8,
  HAILO_NMS: 9,
  RGB888: 10,
  NCHW: 11,
  YUY2: 12,
  NV12: 13,
  NV21: 14,
  HAILO_YYUV: 15,
  HAILO_YYVU: 16,
  RGB4: 17,
  I420: 18,
  HAILO_YYYYUV: 19,
  HAILO_NMS_WITH_BYTE_MASK: 20,
  HAILO_NMS_ON_CHIP: 21,
  HAILO_NMS_BY_CLASS: 22,
  HAILO_NMS_BY_SCORE: 23,
} as const
export const StreamDirection = { H2D: 0, D2H: 1 } as const
export const SchedulingAlgorithm = { NONE: 0, ROUND_ROBIN: 1 } as const
/** Architecture names by enum value; value 4 was `PLUTO` before 4.20 and `HAILO15L` from 4.20. */
export const ARCHITECTURES: readonly string[] = [
  'HAILO8_A0',
  'HAILO8',
  'HAILO8L',
  'HAILO15H',
  'HAILO15L',
  'HAILO15M',
  'HAILO10H',
  'MARS',
]

/** Array bounds from `hailort.h`. */
export const Limits = {
  MAX_NAME_SIZE: 128,
  MAX_NETWORK_NAME_SIZE: 257,
  MAX_NETWORK_GROUPS: 8,
  MAX_STREAMS_COUNT: 40,
  MAX_NETWORKS_IN_NETWORK_GROUP: 8,
  MAX_DEVICE_ID_LENGTH: 32,
  MAX_BOARD_NAME_LENGTH: 32,
  MAX_SERIAL_NUMBER_LENGTH: 16,
  MAX_PART_NUMBER_LENGTH: 16,
  MAX_PRODUCT_NAME_LENGTH: 42,
} as const
