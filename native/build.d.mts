/** The `HD_LAYOUT_CHECKS` header generated from the measured layout table for one version. */
export function expectedLayoutHeader(version: string): string
/** Compile the libhailort double for a HailoRT version (default 4.23.0); returns the .so path. */
export function buildDouble(options?: { version?: string; cc?: string }): string
/** Compile the C reference loop of the koffi-overhead bench; returns the executable path. */
export function buildBenchLoop(options?: { cc?: string }): string
/** The C files of the double, in native/. */
export const DOUBLE_SOURCES: readonly string[]
