import koffi from 'koffi'
import { describe, expect, it } from 'vitest'
import { doubleLibrary } from '../test-support/double.js'
import { ASYNC_STACK_BYTES, configureKoffiStacks } from './koffi-stacks.js'

describe("koffi's asynchronous stack", () => {
  it('is raised before the first library loads, so a libhailort call needing more than 128 KiB of stack does not kill the process', async () => {
    const double = doubleLibrary('4.23.0') // loads through koffi the way the product does
    expect(koffi.config().async_stack_size).toBe(ASYNC_STACK_BYTES)
    const result = await new Promise<number>((resolve, reject) =>
      double.useStack.async(1024, (error, value) => (error ? reject(error) : resolve(value))),
    )
    expect(result).toBe(1)
  })

  it('keeps what is in force once koffi has loaded a library (koffi refuses to change it then)', () => {
    expect(configureKoffiStacks()).toBe(ASYNC_STACK_BYTES)
  })
})
