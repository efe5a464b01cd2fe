import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readDriverVersion } from './driver-version.js'

let modules: string
beforeAll(async () => {
  modules = await mkdtemp(join(tmpdir(), 'vh-sysfs-'))
})
afterAll(async () => rm(modules, { recursive: true, force: true }))

describe('the PCIe driver version', () => {
  it('is read from the kernel module in sysfs when it publishes one', async () => {
    await mkdir(join(modules, 'hailo_pci'), { recursive: true })
    await writeFile(join(modules, 'hailo_pci', 'version'), '4.20.0\n')
    expect(await readDriverVersion('4.23.0', true, modules)).toEqual({
      version: '4.20.0',
      source: join(modules, 'hailo_pci', 'version'),
    })
  })

  it("is libhailort's own when sysfs does not say but a device opened (it refuses another driver)", async () => {
    const empty = join(modules, 'none')
    expect(await readDriverVersion('4.23.0', true, empty)).toEqual({ version: '4.23.0', source: 'libhailort' })
  })

  it('is unknown without sysfs and without an opened device', async () => {
    expect(await readDriverVersion('4.23.0', false, join(modules, 'none'))).toBeUndefined()
  })
})
