// Lint rules, and the layering rule that keeps the arrows pointing down (see ../shared/DESIGN.md):
// renderer -> shared, electron -> engine -> shared, headless -> engine; inside the engine, the layers
// listed in scripts/eslint-engine-layers.js.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import { engineLayersPlugin } from './scripts/eslint-engine-layers.js';

const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const electron = { name: 'electron', message: 'Only src-main/electron/ may import electron.' };
const nodeBuiltins = nodeModules.map((name) => ({
  name,
  message: 'This layer must run without Node: no Node built-ins here.',
}));

/** Layer rules, exported so the layering test lints its bad fixtures with exactly these. */
export const layerRules = [
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, ...nodeBuiltins, { name: 'react', message: 'shared/ holds contracts, not UI.' }],
          patterns: [
            {
              group: ['**/src-main/**', '**/src-renderer/**'],
              message: 'shared/ depends on nothing above it.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'fetch', 'process', 'Buffer', 'require'].map(
          (name) => ({ name, message: 'shared/ must not use Node or DOM APIs.' }),
        ),
      ],
    },
  },
  {
    files: [
      'src-main/engine/**/*.ts',
      'src-main/headless/**/*.ts',
      'src-main/cli.ts',
      'src-main/cli/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            { group: ['**/src-renderer/**'], message: 'The engine knows nothing of the UI.' },
            {
              group: ['**/electron/**', '../electron/*'],
              message: 'Arrows point down: the shell imports the engine, not the reverse.',
            },
          ],
        },
      ],
    },
  },
  {
    // Inside the engine: the ordered layers of scripts/eslint-engine-layers.js, and never headless/ or cli/.
    files: ['src-main/engine/**/*.ts'],
    plugins: { codingworker: engineLayersPlugin },
    rules: { 'codingworker/engine-layers': 'error' },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, ...nodeBuiltins],
          patterns: [
            {
              group: ['**/src-main/**'],
              message: 'The UI talks to the engine only through shared/bridge.ts.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', 'require', '__dirname'].map((name) => ({
          name,
          message: 'The renderer runs sandboxed: no Node globals.',
        })),
      ],
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'test/fixtures/**/bad-*',
      // Git-ignored tool folders: the agents' Python venv, caches and Stryker's sandbox copies.
      '.venv-agents/**',
      '.cache/**',
      '.stryker-tmp/**',
      'reports/mutation/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  ...layerRules,
);
