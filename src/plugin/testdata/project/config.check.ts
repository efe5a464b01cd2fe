import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { getConfig } from '../../../config.js'
import { loadImage } from '../../../inputs/image.js'
import type { Tensor, TensorInfo } from '../../../tensor/types.js'

const scene = fileURLToPath(new URL('../../../inputs/testdata/scene-40x30.png', import.meta.url))
const IMAGE: TensorInfo = { name: 'image', shape: [1, 8, 8, 3], dtype: 'uint8', layout: 'NHWC' }

/** Which image loading a matcher used without an image option of its own: the plugin's, or the default. */
async function matcherImageLoading(): Promise<'plugin' | 'default' | 'other'> {
  const seen: Tensor[] = []
  const model = {
    inputs: [IMAGE],
    outputs: [{ name: 'y', shape: [1, 1], dtype: 'float32', layout: 'NC' }] as TensorInfo[],
    async infer(feeds: Readonly<Record<string, Tensor>>) {
      seen.push(feeds.image!)
      return { y: { data: new Float32Array(1), shape: [1, 1], dtype: 'float32' } as Tensor }
    },
  }
  await expect(model).toBeDeterministicAcross(1, { input: scene })
  const same = async (options?: Parameters<typeof loadImage>[2]): Promise<boolean> =>
    Buffer.from((await loadImage(scene, IMAGE, options)).data as Uint8Array).equals(
      Buffer.from(seen[0]!.data as Uint8Array),
    )
  if (await same({ resize: 'cv2-bilinear', channels: 'bgr' })) return 'plugin'
  return (await same()) ? 'default' : 'other'
}

// Printed so the outer test can read what the worker saw.
test('worker sees the plugin configuration', async () => {
  const seen = {
    config: getConfig(),
    ownSetupRan: (globalThis as { ownSetupRan?: boolean }).ownSetupRan === true,
    matcherRegistered: typeof (expect({}) as unknown as Record<string, unknown>).toBeDeterministicAcross === 'function',
    imageLoading: await matcherImageLoading(),
  }
  console.log(`SEEN ${JSON.stringify(seen)}`)
})
