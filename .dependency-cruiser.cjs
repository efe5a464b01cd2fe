// The house's layering, checked by `npm run lint:deps` (part of `npm test`). Each rule says why.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment:
        'A cycle makes two modules one: neither can be understood, tested or moved alone. A cycle closed only by ' +
        'type-only imports is erased at compile time and is allowed (src/errors/hef-errors.ts names the verdict type ' +
        'its refusal carries).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'pure-tensor-and-compare',
      comment:
        'src/tensor and src/compare are pure: no devices, no Vitest, no file system, no native code. Hashing bytes ' +
        '(node:crypto, for output digests) is computation: same bytes in, same digest out, no I/O.',
      severity: 'error',
      from: { path: '^src/(tensor|compare)/' },
      to: { pathNot: '^src/(tensor|compare)/|^src/errors(\\.ts$|/)|^src/validate\\.ts$|^crypto$' },
    },
    {
      name: 'errors-import-nothing',
      comment:
        'errors.ts and the classes it re-exports from src/errors/ are the leaf every module may import: an error ' +
        'receives its finished message. At run time they import only each other; their type-only imports (the verdict ' +
        'HefRefusedError carries, the health record BoardHealthError carries) are erased at compile time and so ' +
        'cannot make a cycle at run time.',
      severity: 'error',
      from: { path: '^src/errors(\\.ts$|/)' },
      to: { pathNot: '^src/errors(\\.ts$|/)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'hef-reader-without-devices',
      comment: 'The HEF reader is pure TypeScript: it works without HailoRT, so it imports no device code.',
      severity: 'error',
      from: { path: '^src/hef/' },
      to: { path: '^src/device/' },
    },
    {
      name: 'device-layer-takes-options',
      comment:
        'Options flow down: matchers, fixtures and the plugin resolve the run-wide config and pass it to the device layer.',
      severity: 'error',
      from: { path: '^src/device/' },
      to: { path: '^(matchers|fixtures)/|^src/plugin/|^src/config\\.ts$' },
    },
    {
      name: 'faults-do-not-touch-backends',
      comment: "Fault behaviours wrap any device through its public interface, never a sibling backend's internals.",
      severity: 'error',
      from: { path: '^src/device/backends/faults/' },
      to: { path: '^src/device/backends/(onnx|emulator|hailort)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test(-d)?\\.ts$|/testdata/|/test-support/|^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
}
