import { afterEach, describe, expect, test } from 'vitest'
import { DEFAULT_CONFIG, getConfig, ON_MISSING_DEVICE_ENV, setConfig } from './config.js'

describe('getConfig: the environment wins', () => {
  afterEach(() => {
    setConfig({ onMissingDevice: DEFAULT_CONFIG.onMissingDevice, device: DEFAULT_CONFIG.device })
  })

  test('VITEST_HAILO_ON_MISSING_DEVICE=fail makes a missing chip a failure even when the config says skip', () => {
    setConfig({ onMissingDevice: 'skip' })
    expect(getConfig({}).onMissingDevice).toBe('skip')
    expect(getConfig({ [ON_MISSING_DEVICE_ENV]: 'fail' }).onMissingDevice).toBe('fail')
    expect(getConfig({ [ON_MISSING_DEVICE_ENV]: 'skip', VITEST_HAILO_DEVICE: 'hailo' })).toMatchObject({
      onMissingDevice: 'skip',
      device: 'hailo',
    })
  })

  test('an empty variable is unset', () => {
    setConfig({ onMissingDevice: 'skip' })
    expect(getConfig({ [ON_MISSING_DEVICE_ENV]: '' }).onMissingDevice).toBe('skip')
  })

  test('any other value is refused, naming the variable and what it accepts', () => {
    expect(() => getConfig({ [ON_MISSING_DEVICE_ENV]: 'yes' })).toThrow(
      /Expected "skip" or "fail" .* for VITEST_HAILO_ON_MISSING_DEVICE but received "yes"/,
    )
  })
})
