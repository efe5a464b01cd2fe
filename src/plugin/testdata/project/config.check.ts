import { expect, test } from 'vitest'
import { getConfig } from '../../../config.js'

// Printed so the outer test can read what the worker saw.
test('worker sees the plugin configuration', () => {
  const seen = {
    config: getConfig(),
    ownSetupRan: (globalThis as { ownSetupRan?: boolean }).ownSetupRan === true,
    matcherRegistered: typeof (expect({}) as unknown as Record<string, unknown>).toBeDeterministicAcross === 'function',
  }
  console.log(`SEEN ${JSON.stringify(seen)}`)
})
