// ESLint: the recommended rules of ESLint and typescript-eslint, plus what a formatter cannot enforce (comments and
// code that Prettier leaves longer than 120 columns; long message strings are allowed, since splitting a sentence
// makes it impossible to grep for). Prettier owns layout: .prettierrc.json.
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.vitest-hailo/', '.cache/', 'test/consumer-work/', '**/fixtures-out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true },
      ],
      // `_name` marks a binding kept for its position or to drop a key from a rest object.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrors: 'none',
          ignoreRestSiblings: true,
        },
      ],
      // Declaration merging into Vitest's and Chai's interfaces is how matchers are typed.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    // Escaping terminal control characters is what these patterns are for.
    files: ['src/report/printable.ts', '**/*.test.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
)
