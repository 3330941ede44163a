import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

// Arrow's Builders compile code with new Function, which the CSP forbids.
const ARROW_BUILDERS = [
  {
    name: 'apache-arrow',
    importNames: ['tableFromArrays', 'vectorFromArray', 'makeBuilder', 'builderThroughIterable'],
    message: 'Arrow builders need eval; use table/vectors.ts.',
  },
];

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // State holds immutable values replaced whole ($state.raw, new Set on change), never mutated in place.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['src/**/*.ts', 'workers/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ARROW_BUILDERS }],
    },
  },
  {
    // The engine is pure: no UI, no worker plumbing, no Node, no DOM, no Math.random.
    files: ['src/engine/**/*.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ARROW_BUILDERS,
          patterns: [
            { group: ['svelte', 'svelte/*', 'comlink', 'node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads'], message: 'The engine is pure.' },
            { group: ['**/app/**', '**/client/**', '**/cli/**', '**/workers/**'], message: 'The engine imports only itself.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'self', 'postMessage', 'localStorage', 'fetch'],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use src/engine/random.ts.' }],
    },
  },
);
