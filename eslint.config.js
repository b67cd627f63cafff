// One lint setup for every workspace. The rules that matter most here are the
// architectural ones: one way into each package, libraries that never reach
// into apps, no import cycles, and no focused tests left behind.
import { join } from 'node:path';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const LIBRARIES = ['protocol', 'recognizer', 'solver'];
const WORKSPACES = [
  'testkit',
  'protocol',
  'recognizer',
  'solver',
  'collab-server',
  'whiteboard',
  'extension',
  'infra',
];
const APPS = ['collab-server', 'whiteboard', 'extension'];
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', '**/test/**', '**/*.bench.ts'];
/** Files that may import devDependencies: tests, benchmarks, CLIs, tooling and the
 * dev-only workspaces (testkit, infra). Everything else imports only dependencies. */
const DEV_FILES = [
  ...TEST_FILES,
  '**/bench/**',
  '**/src/cli/**',
  '**/src/eval/**',
  '*/src/testing/**',
  'collab-server/src/attack/**',
  'testkit/**',
  'infra/**',
  'scripts/**',
  '*.config.ts',
  '*/*.config.ts',
  'extension/build/**',
];
/** Command-line tools inside a library (eval, train, bench) run only in Node. */
const LIBRARY_CLI_FILES = LIBRARIES.map((lib) => `${lib}/src/cli/**`);

/** Forbid deep imports (`@motionmath/x/src/...`): every package has one way in. The one
 * exception is testkit's pure `stats` entry: the extension's HUD shows percentiles at
 * run time, and the rest of testkit (Playwright, servers) must never reach a bundle. */
const deepImportPattern = {
  group: ['@motionmath/*/**', '!@motionmath/testkit/stats'],
  message: 'Import a workspace only through its entry point (`@motionmath/<name>`).',
};

/** What a library may not import: any app, and Node built-ins (libraries run in browsers). */
const libraryImportRestrictions = {
  patterns: [
    deepImportPattern,
    {
      group: APPS.map((app) => `@motionmath/${app}`),
      message: 'Libraries (protocol, recognizer, solver) never import app code.',
    },
    {
      group: ['node:*'],
      message: 'Library code runs in browsers too: keep Node built-ins in tests and CLIs.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/.tsbuild/**',
      '**/dist/**',
      '**/.output/**',
      '**/.wxt/**',
      '**/coverage/**',
      'bench-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    plugins: { 'import-x': importX },
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ alwaysTryTypes: true })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-relative-packages': 'error',
      'import-x/no-duplicates': 'error',
      'no-restricted-imports': ['error', { patterns: [deepImportPattern] }],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportAllDeclaration',
          message: 'Use named exports: `export { a, b } from`, never `export *`.',
        },
        {
          selector:
            "CallExpression[callee.type='MemberExpression'][callee.property.name='only'][callee.object.name=/^(it|test|describe)$/]",
          message: 'No focused tests (`.only`) on main.',
        },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'smart'],
    },
  },
  // Each workspace's package.json declares what its code imports; the root one holds the
  // shared tooling (vitest, vite, wxt, playwright-core). knip checks the other direction:
  // nothing declared goes unused.
  ...WORKSPACES.map((workspace) => ({
    files: [`${workspace}/**/*.ts`, `${workspace}/**/*.tsx`],
    rules: {
      'import-x/no-extraneous-dependencies': [
        'error',
        {
          devDependencies: DEV_FILES,
          packageDir: [join(import.meta.dirname, workspace), import.meta.dirname],
        },
      ],
    },
  })),
  {
    files: LIBRARIES.map((lib) => `${lib}/src/**/*.ts`),
    ignores: [...TEST_FILES, ...LIBRARY_CLI_FILES],
    rules: {
      'no-restricted-imports': ['error', libraryImportRestrictions],
      // Library code takes time as an argument so it stays deterministic and testable.
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'No real timers in library code: take time as input.' },
        { name: 'setInterval', message: 'No real timers in library code: take time as input.' },
        { name: 'process', message: 'Libraries run in browsers: no `process`.' },
        { name: 'Buffer', message: 'Libraries run in browsers: use Uint8Array.' },
      ],
    },
  },
  {
    // The two classic hook rules: hooks called unconditionally, effects that list what
    // they read (a missed dependency is a stale board or a leaked listener).
    files: ['whiteboard/src/**/*.tsx', 'whiteboard/src/**/*.ts', 'extension/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  prettier,
);
