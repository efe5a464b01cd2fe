/**
 * The fixture classifier's weights: seeded random ConvNeXt-like weights whose head is fitted so
 * that each synthetic scene ({@link SCENE_CLASSES}) lands on its class with ≈ 99.97 % confidence,
 * also when drawn at another size, box-downsampled, or brighter / darker.
 * @packageDocumentation
 */
import { normalizeImage } from '../normalize.js'
import { adjustBrightness, boxDownsample, drawScene, SCENE_CLASSES, SCENE_NAMES, type RgbImage } from '../scenes.js'
import { fitHead, type HeadExample } from './fit-head.js'
import { referenceFeatures } from './reference.js'
import { seededWeights } from '../weights.js'
import { randomConvNextWeights, type ConvNextWeights } from './weights.js'

/** Seed of the fixture classifier's weights (the committed `.onnx` files are made with it). */
export const FIXTURE_SEED = 2024

/** Input size of the fixture classifier (height = width). */
export const FIXTURE_SIZE = 128

/** The images the head is fitted on for one scene: the scene as drawn, downsampled, darker and brighter. */
function sceneVariants(image: RgbImage, twice: RgbImage): RgbImage[] {
  return [image, boxDownsample(twice, 2), adjustBrightness(image, 0.85, 0), adjustBrightness(image, 1.1, 10)]
}

const NOISE_EXAMPLES = 8

let cached: ConvNextWeights | undefined

/**
 * The fixture classifier's weights (computed once per process: 2–4 s).
 * @example
 * ```ts
 * const model = convNextGraph(fixtureClassifierWeights(), { layerNorm: 'decomposed' })
 * ```
 */
export function fixtureClassifierWeights(): ConvNextWeights {
  cached ??= computeFixtureClassifierWeights()
  return cached
}

/**
 * Compute the fixture classifier's weights from scratch (no cache): seeded backbone, head fitted
 * on the scenes with the float64 reference implementation.
 */
export function computeFixtureClassifierWeights(): ConvNextWeights {
  const random = randomConvNextWeights(FIXTURE_SEED, { size: FIXTURE_SIZE })
  const examples: HeadExample[] = []
  for (const scene of SCENE_NAMES) {
    const variants = sceneVariants(drawScene(scene, FIXTURE_SIZE), drawScene(scene, 2 * FIXTURE_SIZE))
    for (const image of variants)
      examples.push({ features: referenceFeatures(random, normalizeImage(image)), label: SCENE_CLASSES[scene] })
  }
  // Noise belongs to no class: without these examples every noisy input looks like the checkerboard.
  const noise = seededWeights(FIXTURE_SEED + 1)
  for (let i = 0; i < NOISE_EXAMPLES; i++) {
    const pixels = Uint8Array.from(noise.uniform(FIXTURE_SIZE * FIXTURE_SIZE * 3, 1), (v) =>
      Math.round((v + 1) * 127.5),
    )
    examples.push({
      features: referenceFeatures(random, normalizeImage({ width: FIXTURE_SIZE, height: FIXTURE_SIZE, pixels })),
      label: null,
    })
  }
  return fitHead(random, examples)
}
