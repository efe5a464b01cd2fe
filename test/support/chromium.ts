/**
 * Debian's `chromium`, headless, for the tests that look at the report page in a real browser: the
 * DOM as Chromium built it (`--dump-dom`) and a screenshot. Flags for a closed network (see FACTS).
 * @packageDocumentation
 */
import { spawnSync } from 'node:child_process'
import { pathToFileURL } from 'node:url'

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--hide-scrollbars',
  '--no-first-run',
  // No network: every host name fails to resolve, so the page shows only what it carries. (Scripts
  // cannot be switched off here: --dump-dom and --screenshot then print nothing; the page has none,
  // which its unit test asserts.)
  '--host-resolver-rules=MAP * ~NOTFOUND',
]

/** The browser command: `CHROMIUM` when set, else `chromium`; fails with what to install when missing. */
export function chromium(): string {
  const command = process.env.CHROMIUM || 'chromium'
  const probe = spawnSync(command, ['--version'], { encoding: 'utf8' })
  if (probe.status !== 0) {
    throw new Error(
      `Chromium is needed to test the report page: "${command} --version" failed (${probe.error?.message ?? probe.stderr}). Install it: apt-get install -y chromium (or set CHROMIUM).`,
    )
  }
  return command
}

function run(args: readonly string[]): string {
  const child = spawnSync(chromium(), [...FLAGS, ...args], {
    encoding: 'utf8',
    timeout: 90_000,
    maxBuffer: 64 * 1024 * 1024,
  })
  if (child.status !== 0)
    throw new Error(`chromium ${args.join(' ')} exited ${child.status ?? child.signal}:\n${child.stderr}`)
  return child.stdout
}

/** The page's DOM after Chromium loaded it, serialized. */
export function dumpDom(htmlFile: string): string {
  return run(['--dump-dom', pathToFileURL(htmlFile).href])
}

/** A PNG screenshot of the page, `width`×`height` CSS pixels. */
export function screenshot(htmlFile: string, pngFile: string, width = 1200, height = 2400): void {
  run([`--screenshot=${pngFile}`, `--window-size=${width},${height}`, pathToFileURL(htmlFile).href])
}
