import { describe, expect, test } from 'vitest'
import type { Tensor } from '../../tensor/types.js'
import { inputDependence } from './input-dependence.js'

const tensor = (...values: number[]): Tensor => ({
  data: Float32Array.from(values),
  shape: [values.length],
  dtype: 'float32',
})

describe('inputDependence', () => {
  test('finds one answer for every input once two different inputs gave the same output bytes', () => {
    const watch = inputDependence()
    watch.observe({ x: tensor(1, 2) }, { y: tensor(7) })
    watch.observe({ x: tensor(1, 2) }, { y: tensor(7) })
    watch.observe({ x: tensor(3, 4) }, { y: tensor(7) })
    expect(watch.sameOutputForEveryInput()).toEqual({ cases: 3, differentInputs: 1 })
  })

  test('finds nothing when every case fed the same input bytes (fast-check drew one input again and again)', () => {
    const watch = inputDependence()
    for (let i = 0; i < 5; i++) watch.observe({ x: tensor(1, 2) }, { y: tensor(7) })
    expect(watch.sameOutputForEveryInput()).toBeUndefined()
  })

  test('finds nothing once one case answered differently, whatever the cases after it give', () => {
    const watch = inputDependence()
    watch.observe({ x: tensor(1) }, { y: tensor(7) })
    watch.observe({ x: tensor(2) }, { y: tensor(8) })
    watch.observe({ x: tensor(3) }, { y: tensor(7) })
    expect(watch.sameOutputForEveryInput()).toBeUndefined()
  })

  test('keeps the first input as it was, when its buffer is reused by the next case', () => {
    const watch = inputDependence()
    const reused = tensor(1, 2)
    watch.observe({ x: reused }, { y: tensor(7) })
    ;(reused.data as Float32Array).set([3, 4])
    watch.observe({ x: reused }, { y: tensor(7) })
    expect(watch.sameOutputForEveryInput()).toEqual({ cases: 2, differentInputs: 1 })
  })

  test('finds nothing from a single case', () => {
    const watch = inputDependence()
    watch.observe({ x: tensor(1) }, { y: tensor(7) })
    expect(watch.sameOutputForEveryInput()).toBeUndefined()
  })
})
