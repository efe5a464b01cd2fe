/**
 * koffi runs the native side of an asynchronous call on a stack of its own, 128 KiB by default
 * (`async_stack_size`), not on the worker thread's. libhailort is C++ that builds large objects
 * (a `hailo_configure_params_t` alone is 84 KiB) inside calls made asynchronously here
 * (`hailo_create_vdevice`, `hailo_configure_vdevice`, `hailo_create_hef_file`…): past 128 KiB the
 * process dies with SIGSEGV, no error to catch. So the binding asks for larger stacks before koffi
 * loads its first library; koffi refuses to change its configuration after that, so this runs
 * before every `koffi.load` of the product.
 * @packageDocumentation
 */
import koffi from 'koffi'

/** The native stack of an asynchronous call: as large as koffi's synchronous default. */
export const ASYNC_STACK_BYTES = 2 * 1024 * 1024

/**
 * Raise koffi's asynchronous stack to {@link ASYNC_STACK_BYTES} if no library is loaded yet.
 * Returns the size in force (smaller when something else loaded a library through koffi first).
 * @example
 * ```ts
 * configureKoffiStacks() // before koffi.load('libhailort.so')
 * ```
 */
export function configureKoffiStacks(): number {
  const current = koffi.config()
  const size = current.async_stack_size ?? 0
  if (size >= ASYNC_STACK_BYTES) return size
  try {
    koffi.config({ ...current, async_stack_size: ASYNC_STACK_BYTES })
  } catch {
    // "Cannot change Koffi configuration once a library has been loaded": keep what is in force.
  }
  return koffi.config().async_stack_size ?? size
}
