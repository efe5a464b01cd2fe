// The public surface, written down: for each entry point of package.json `exports`, the names it exports
// and their declarations as the build emits them (dist/**/*.d.ts, comments left out), in api/<entry>.api.md.
// The reports are committed, so a change to the public surface shows in review as a change to these files.
//
//   node scripts/api-report.mjs           write the reports (npm run api: builds first)
//   node scripts/api-report.mjs --check   exit 1 and name the entries whose report differs from the build
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const root = fileURLToPath(new URL('..', import.meta.url))
const apiDir = join(root, 'api')
const dist = join(root, 'dist')
const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed })

/** `.` → `vitest-hailo`, `./extend` → `vitest-hailo/extend`, with its report's file name. */
function entryPoints() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  return Object.entries(pkg.exports)
    .filter(([, target]) => typeof target === 'object' && target.types)
    .map(([subpath, target]) => {
      const name = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`
      const file = subpath === '.' ? 'index' : subpath.slice(2).replaceAll('/', '-')
      return { name, report: join(apiDir, `${file}.api.md`), types: join(root, target.types) }
    })
}

function print(node) {
  return printer.printNode(ts.EmitHint.Unspecified, node, node.getSourceFile())
}

/** One export's declarations as the .d.ts writes them; a name re-exported from another package says so. */
function declarationsOf(symbol, checker) {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol
  const texts = []
  for (const declaration of target.declarations ?? []) {
    const file = declaration.getSourceFile().fileName
    if (!file.startsWith(dist)) {
      const found = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? relative(root, file)
      // Vitest's own packages (@vitest/runner, @vitest/expect…) hold these names in one major and \`vitest\` in
      // another (4 vs 5): users import them from \`vitest\`, so the report says that, whichever is installed.
      const from = found.startsWith('@vitest/') ? 'vitest' : found
      texts.push(`export { ${target.name} } from '${from}'`)
      break
    }
    const node = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration
    texts.push(print(node))
  }
  return [...new Set(texts)]
}

function report(entry, program) {
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(entry.types)
  if (!source) throw new Error(`${relative(root, entry.types)} is missing: run \`npm run build\` first.`)
  const moduleSymbol = checker.getSymbolAtLocation(source)
  const exported = moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []
  const blocks = exported
    .sort((a, b) => a.name.localeCompare(b.name, 'en'))
    .map((symbol) => `// ${symbol.name}\n${declarationsOf(symbol, checker).join('\n')}`)
  // `declare module 'vitest'` in the entry itself: the matcher types an import brings.
  const augmentations = source.statements.filter((s) => ts.isModuleDeclaration(s)).map(print)
  return [
    `# API report: \`${entry.name}\``,
    '',
    `Written by \`npm run api\` from \`${relative(root, entry.types)}\`; do not edit by hand.`,
    `${exported.length} exported names.`,
    '',
    '```ts',
    [...blocks, ...augmentations].join('\n\n'),
    '```',
    '',
  ].join('\n')
}

/** Every entry's report, by report path. */
export function apiReports() {
  const entries = entryPoints()
  const program = ts.createProgram(
    entries.map((e) => e.types),
    {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
    },
  )
  return new Map(entries.map((entry) => [entry.report, report(entry, program)]))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const reports = apiReports()
  if (process.argv.includes('--check')) {
    const stale = [...reports]
      .filter(([path, text]) => !existsSync(path) || readFileSync(path, 'utf8') !== text)
      .map(([path]) => relative(root, path))
    const written = existsSync(apiDir) ? readdirSync(apiDir).map((f) => join(apiDir, f)) : []
    const orphans = written.filter((path) => !reports.has(path)).map((path) => relative(root, path))
    if (stale.length + orphans.length > 0) {
      console.error(
        [
          ...stale.map((p) => `${p} differs from the build's public API.`),
          ...orphans.map((p) => `${p} belongs to no entry point of package.json.`),
          'If the change is deliberate, run `npm run api` to accept it and commit api/.',
        ].join('\n'),
      )
      process.exit(1)
    }
    console.log(`API reports match the build (${reports.size} entry points).`)
  } else {
    rmSync(apiDir, { recursive: true, force: true })
    mkdirSync(apiDir, { recursive: true })
    for (const [path, text] of reports) {
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, text)
    }
    console.log(`Wrote ${reports.size} API reports to ${relative(root, apiDir)}/.`)
  }
}
