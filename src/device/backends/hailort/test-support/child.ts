/**
 * Spawning the helper processes of the cross-process tests and waiting for their first line.
 * @packageDocumentation
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** A running helper and the first line it printed. */
export interface Helper {
  readonly child: ChildProcess
  readonly firstLine: string
  /** SIGKILL it and wait until it is gone. */
  kill(): Promise<void>
}

/**
 * Run `test-support/<script>` with node and wait (up to `timeoutMs`, 20 s by default) for its first line of
 * output. A `.ts` script runs through ts-loader.mjs, i.e. the project's TypeScript as it is.
 */
export function startHelper(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 20_000,
): Promise<Helper> {
  const path = fileURLToPath(new URL(`./${script}`, import.meta.url))
  const loader = script.endsWith('.ts') ? ['--import', fileURLToPath(new URL('./ts-loader.mjs', import.meta.url))] : []
  const child = spawn(process.execPath, [...loader, path, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${script} printed nothing in ${timeoutMs / 1000} s`))
    }, timeoutMs)
    child.once('error', reject)
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const newline = out.indexOf('\n')
      if (newline < 0) return
      clearTimeout(timer)
      resolve({
        child,
        firstLine: out.slice(0, newline),
        kill: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done()
            child.once('exit', () => done())
            child.kill('SIGKILL')
          }),
      })
    })
  })
}
