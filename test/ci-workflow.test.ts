import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { parse } from 'yaml'

interface Step {
  readonly uses?: string
  readonly run?: string
  readonly if?: string
  readonly with?: Readonly<Record<string, unknown>>
}
interface Job {
  readonly 'runs-on': string | readonly string[]
  readonly env?: Readonly<Record<string, string>>
  readonly steps: readonly Step[]
}

const workflow = parse(readFileSync(new URL('../examples/ci/github-actions.yml', import.meta.url), 'utf8')) as {
  jobs: Record<string, Job>
}
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const ciSection = readme.slice(
  readme.indexOf('## CI: a gate on a Pi runner'),
  readme.indexOf('\n## ', readme.indexOf('## CI: a gate on a Pi runner') + 1),
)
/** The commands of the README's CI section, one per line. */
const readmeCommands = /```sh\n([\s\S]*?)```/
  .exec(ciSection)![1]!
  .split('\n')
  .filter((l) => l.trim() !== '')

const commandsOf = (job: Job): string[] =>
  job.steps.flatMap((s) => (s.run === undefined ? [] : s.run.trim().split('\n')))
const uploadOf = (job: Job): Step => job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!

describe('examples/ci/github-actions.yml', () => {
  test('the chip job runs on the Pi runner labelled for the Hailo board, with the chip required', () => {
    const chip = workflow.jobs.chip!
    expect(chip['runs-on']).toEqual(['self-hosted', 'linux', 'ARM64', 'hailo'])
    expect(chip.env).toMatchObject({ VITEST_HAILO_DEVICE: 'hailo', VITEST_HAILO_ON_MISSING_DEVICE: 'fail' })
  })

  test('a second job runs the same suite on the emulator on an ordinary runner', () => {
    const emulator = workflow.jobs.emulator!
    expect(emulator['runs-on']).toBe('ubuntu-latest')
    expect(emulator.env).toMatchObject({ VITEST_HAILO_DEVICE: 'emulator' })
    expect(emulator.env).not.toHaveProperty('VITEST_HAILO_ON_MISSING_DEVICE')
    expect(commandsOf(emulator)).toEqual(commandsOf(workflow.jobs.chip!))
  })

  test('both jobs upload the report, the artifacts and the JUnit XML, also after a red gate', () => {
    for (const job of Object.values(workflow.jobs)) {
      const upload = uploadOf(job)
      expect(upload.if).toBe('${{ !cancelled() }}')
      expect(String(upload.with?.path).split('\n').filter(Boolean)).toEqual([
        '.vitest-hailo/report/',
        '.vitest-hailo/artifacts/',
        '.vitest-hailo/junit.xml',
      ])
    }
  })

  test('runs exactly the commands the README shows, and the README names its environment', () => {
    expect(commandsOf(workflow.jobs.chip!)).toEqual(readmeCommands)
    for (const [name, value] of Object.entries({ ...workflow.jobs.chip!.env, ...workflow.jobs.emulator!.env })) {
      if (name.startsWith('VITEST_HAILO_')) expect(ciSection).toContain(`${name}=${value}`)
    }
    expect(ciSection).toContain('`[self-hosted, linux, ARM64, hailo]`')
  })

  test('the JUnit file it uploads is the one the suite command writes', () => {
    const suite = commandsOf(workflow.jobs.chip!).find((c) => c.startsWith('npx vitest run'))!
    const junit = /--outputFile\.junit=(\S+)/.exec(suite)![1]
    expect(String(uploadOf(workflow.jobs.chip!).with?.path)).toContain(junit)
  })
})
