// Every TypeScript block of the README and docs/*.md typechecks against the built package, as a user pastes it:
// `import … from 'vitest-hailo'` resolves to this package itself (a self-reference through its exports map, so to
// dist/*.d.ts: needs `npm run build`, which npm test runs first). A block is most often a fragment; the names the
// docs use without declaring them (`device`, `hef`, `model`, `signal`, `expect`, `test`, `defineConfig`,
// `hailo`) are declared before it, unless the block declares or imports them itself.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
// Inside the package (so the self-reference resolves), outside git, lint and the project's tsconfig.
const work = join(root, 'test', 'consumer-work', `doc-snippets-${process.pid}`)

interface Snippet {
  /** `docs/inputs.md:111`: where the block starts. */
  readonly where: string
  readonly file: string
  readonly code: string
}

/** Declarations for the names a block uses without declaring them. */
function prelude(code: string): string[] {
  const imported = new Set(
    [...code.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}/g)].flatMap((m) =>
      m[1]!.split(',').map((name) =>
        name
          .trim()
          .split(/\s+as\s+/)
          .pop()!,
      ),
    ),
  )
  const declared = new Set([...code.matchAll(/\b(?:const|let|using)\s+(\w+)/g)].map((m) => m[1]!))
  const lines: string[] = []
  const fromFixtures = ['expect', 'test'].filter((name) => !imported.has(name))
  if (fromFixtures.length > 0) lines.push(`import { ${fromFixtures.join(', ')} } from 'vitest-hailo/fixtures'`)
  if (!imported.has('defineConfig')) lines.push(`import { defineConfig } from 'vitest/config'`)
  if (!imported.has('hailo')) lines.push(`import { hailo } from 'vitest-hailo/plugin'`)
  lines.push(`import type { Device as DeviceOfTheDocs, LoadedModel as ModelOfTheDocs } from 'vitest-hailo'`)
  const free = { device: 'DeviceOfTheDocs', hef: 'ModelOfTheDocs', model: 'ModelOfTheDocs', signal: 'AbortSignal' }
  for (const [name, type] of Object.entries(free)) if (!declared.has(name)) lines.push(`declare const ${name}: ${type}`)
  lines.push('void [defineConfig, hailo, expect, test]')
  return lines
}

function snippets(): Snippet[] {
  const sources = ['README.md', ...readdirSync(join(root, 'docs')).map((f) => `docs/${f}`)].filter((f) =>
    f.endsWith('.md'),
  )
  return sources.flatMap((source) => {
    const text = readFileSync(join(root, source), 'utf8')
    return [...text.matchAll(/^```(?:ts|typescript)\n([\s\S]*?)^```/gm)].map((m) => {
      const line = text.slice(0, m.index).split('\n').length
      const body = m[1]!.split('\n')
      const imports = body.filter((l) => l.startsWith('import '))
      const rest = body.filter((l) => !l.startsWith('import '))
      const code = [...imports, ...prelude(m[1]!), '// ---- the block ----', ...rest, 'export {}', ''].join('\n')
      return { where: `${source}:${line}`, file: join(work, `${source.replace(/[/.]/g, '-')}-${line}.ts`), code }
    })
  })
}

const blocks = snippets()
/** A block as the docs must never show one, compiled with them: proves the check fails when it should. */
const probe: Snippet = {
  where: 'probe',
  file: join(work, 'probe.ts'),
  code: [
    ...prelude(''),
    "await expect(hef).toMatchOnnxWithin('model.onnx', { tolerence: { top1: true } })",
    'await expect(42).toBeDeterministicAcross(5)',
    'export {}',
  ].join('\n'),
}
const errors = new Map<string, string[]>()

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'src', 'index.d.ts')))
    throw new Error('dist/ is missing: run `npm run build` before this test (npm test does).')
  mkdirSync(work, { recursive: true })
  for (const block of [...blocks, probe]) writeFileSync(block.file, block.code)
  const { options } = ts.convertCompilerOptionsFromJson(
    {
      target: 'ES2022',
      lib: ['ES2023', 'ESNext.Disposable'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
    },
    work,
  )
  const program = ts.createProgram(
    [...blocks, probe].map((b) => b.file),
    options,
  )
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const file = d.file?.fileName ?? ''
    const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0
    const text = `line ${at} of the generated file: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`
    errors.set(file, [...(errors.get(file) ?? []), text])
  }
}, 180_000)

afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('the TypeScript blocks of the README and docs', () => {
  test('there are some, in the README and in docs/', () => {
    expect(blocks.filter((b) => b.where.startsWith('README.md')).length).toBeGreaterThan(2)
    expect(blocks.filter((b) => b.where.startsWith('docs/')).length).toBeGreaterThan(5)
  })
  test.for(blocks.map((b) => [b.where, b] as const))('%s typechecks against the built package', ([, block]) => {
    expect(errors.get(block.file) ?? [], block.code).toEqual([])
  })
  test('a block that misuses the API fails, with the error TypeScript gives', () => {
    expect(errors.get(probe.file)).toEqual([
      expect.stringMatching(/'tolerence' does not exist in type/),
      expect.stringMatching(/method's 'this' of type '"expect\(x\) needs a model/),
    ])
  })
})
