// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import solid from 'eslint-plugin-solid/configs/typescript';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'url'];

// The only files that may import `electron`: the thin shell. Everything else runs (and is tested)
// as plain Node. docs/ARCHITECTURE.md lists the same files; this rule keeps that list true.
const ELECTRON_IMPORTERS = [
  'main/index.ts',
  'main/window.ts',
  'main/menu.ts',
  'main/ipc/electron-bridge.ts',
  'preload/index.ts',
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}', 'scripts/**', 'test/**', 'main/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['main/**/*.ts', 'test/**/*.{ts,tsx}', 'scripts/**/*.{js,mjs,ts}', '*.{js,mjs,ts}'],
    ignores: ELECTRON_IMPORTERS,
    rules: {
      'no-restricted-imports': 'off',
      // Type-only imports are erased: a test of the shell may name Electron's types beside its vi.mock.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              allowTypeImports: true,
              message:
                'Only the Electron shell imports electron (ELECTRON_IMPORTERS in eslint.config.js, listed in docs/ARCHITECTURE.md); logic stays plain Node.',
            },
          ],
        },
      ],
    },
  },
  {
    // SECURITY: each runtime imports only what it may use (the light version of Signal Desktop's rule).
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'shared/ is pure TypeScript: no Node imports.' },
            { group: ['electron', 'undici', 'keytar'], message: 'shared/ is pure TypeScript.' },
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'shared/ imports only shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ...solid,
    rules: {
      ...solid.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'The renderer has no Node.' },
            { group: ['electron', 'undici', 'keytar'], message: 'The renderer talks only to window.api.' },
            {
              group: ['**/main/**', '**/preload/**'],
              message: 'The renderer never imports main/ or preload/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**'],
              message: 'The preload imports only electron and shared/.',
            },
            { group: nodeBuiltins, message: 'The sandboxed preload has no Node built-ins.' },
          ],
        },
      ],
    },
  },
);
