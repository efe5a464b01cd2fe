import { describe, expect, test } from 'vitest'
import { buildRunReport } from './collect.js'
import { CHIP, EMULATOR, HOST, determinismRecord, moduleOf, parityRecord } from './test-support/records.js'
import { RUN_REPORT_FORMAT, RUN_REPORT_FORMAT_VERSION } from './types.js'

const context = {
  root: '/work/project',
  host: HOST,
  tool: { vitestHailo: '0.1.0', vitest: '4.1.12' },
  createdAt: '2026-12-05T15:10:00.000Z',
}

describe('buildRunReport', () => {
  test('places every recorded check in its test, file relative to the root, on its board', () => {
    const report = buildRunReport(
      [
        moduleOf('/work/project/test/chip.test.ts', [
          { name: 'chip > is deterministic', checks: [determinismRecord([3, 3, 3])] },
          { name: 'chip > is noisy', checks: [determinismRecord([1, 2, 3]), parityRecord()] },
          { name: 'no hailo check', checks: [] },
        ]),
      ],
      context,
    )
    expect(report).toMatchObject({
      format: RUN_REPORT_FORMAT,
      formatVersion: RUN_REPORT_FORMAT_VERSION,
      host: HOST,
      createdAt: context.createdAt,
    })
    expect(report.totals).toEqual({ checks: 3, failed: 2, boards: 2, tests: 2 })
    expect(report.checks.map((c) => [c.id, c.test.file, c.test.name, c.test.state, c.verdict])).toEqual([
      ['/work/project/test/chip.test.ts_0#1', 'test/chip.test.ts', 'chip > is deterministic', 'pass', 'pass'],
      ['/work/project/test/chip.test.ts_1#1', 'test/chip.test.ts', 'chip > is noisy', 'fail', 'fail'],
      ['/work/project/test/chip.test.ts_1#2', 'test/chip.test.ts', 'chip > is noisy', 'fail', 'fail'],
    ])
    expect(report.checks[1]!.artifacts).toBe('.vitest-hailo/artifacts/test/x/y')
    // The worker-only fields stay out; the board carries the device.
    expect(report.checks[0]).not.toHaveProperty('device')
    expect(report.checks[0]).not.toHaveProperty('startedAt')
  })

  test('a board is its serial (or spec) on its host, with the versions named for merging', () => {
    const report = buildRunReport(
      [
        moduleOf('/work/project/a.test.ts', [
          { name: 't', checks: [determinismRecord([1]), parityRecord(), determinismRecord([2])] },
        ]),
      ],
      context,
    )
    expect(report.boards).toEqual([
      expect.objectContaining({
        id: `pi-a/${CHIP.serial}`,
        kind: 'hailo',
        spec: CHIP.spec,
        serial: CHIP.serial,
        architecture: 'Hailo-8',
        hailort: '4.23.0',
        firmware: '4.23.0',
        driver: '4.23.0',
        host: 'pi-a',
        cpuArch: 'arm64',
        temperatureC: 51.5,
        throttling: false,
        fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
      }),
      expect.objectContaining({ id: 'pi-a/emulator', kind: 'emulator', versions: EMULATOR.versions }),
    ])
    expect(report.checks.map((c) => c.board)).toEqual([`pi-a/${CHIP.serial}`, 'pi-a/emulator', `pi-a/${CHIP.serial}`])
  })

  test('the same device on two hosts is two boards, with one fingerprint', () => {
    const on = (name: string) =>
      buildRunReport([moduleOf('/r/a.test.ts', [{ name: 't', checks: [determinismRecord([1])] }])], {
        ...context,
        root: '/r',
        host: { ...HOST, name },
      })
    const [a, b] = [on('pi-a').boards[0]!, on('pi-b').boards[0]!]
    expect(a.id).not.toBe(b.id)
    expect(a.fingerprint).toBe(b.fingerprint)
    const newer = buildRunReport(
      [
        moduleOf('/r/a.test.ts', [
          { name: 't', checks: [determinismRecord([1], { device: { ...CHIP, versions: { hailort: '4.20.0' } } })] },
        ]),
      ],
      { ...context, root: '/r' },
    )
    expect(newer.boards[0]!.fingerprint).not.toBe(a.fingerprint)
  })

  test('a run without vitest-hailo checks has none, and no boards', () => {
    expect(buildRunReport([moduleOf('/r/a.test.ts', [{ name: 't', checks: [] }])], context).totals).toEqual({
      checks: 0,
      failed: 0,
      boards: 0,
      tests: 0,
    })
  })

  test('input paths under the root become relative; labels that are not paths stay', () => {
    const check = determinismRecord([1], {
      inputs: [
        { index: 0, label: '/work/project/images/cat.png', held: true, outputs: [] },
        { index: 1, label: 'synthetic (seed 3)', held: true, outputs: [] },
      ],
    })
    const report = buildRunReport([moduleOf('/work/project/a.test.ts', [{ name: 't', checks: [check] }])], context)
    expect(report.checks[0]!.inputs.map((i) => i.label)).toEqual(['images/cat.png', 'synthetic (seed 3)'])
  })
})
