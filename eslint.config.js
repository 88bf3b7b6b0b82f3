import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * Layering: dependencies point one way, core ← providers, store ← sync ← api ← apps.
 * Each entry lists the workspace packages a layer must not import (`bannedRegex`: any import
 * matching it).
 */
const layers = [
  { files: ['packages/core/**'], banned: ['@ccx/*'] },
  {
    files: ['packages/store/**', 'packages/providers/**'],
    banned: ['@ccx/sync', '@ccx/api', '@ccx/server', '@ccx/cli', '@ccx/sandbox'],
  },
  { files: ['packages/sync/**'], banned: ['@ccx/api', '@ccx/server', '@ccx/cli', '@ccx/sandbox'] },
  {
    files: ['packages/sandbox/**'],
    banned: ['@ccx/store', '@ccx/sync', '@ccx/api', '@ccx/server', '@ccx/cli'],
  },
  { files: ['packages/api/**'], banned: ['@ccx/server', '@ccx/cli'] },
  // The wire contract is shared with the browser: zod, core and its own files, nothing else.
  {
    files: ['packages/api/src/contract/**'],
    banned: [],
    bannedRegex: '^(?!(zod|@ccx/core|\\./[\\w-]+)$)',
  },
  { files: ['apps/server/**'], banned: ['@ccx/cli'] },
  // The browser bundle takes core and the API's wire contract, never the server side.
  { files: ['apps/web/**'], banned: [], bannedRegex: '^@ccx/(?!(core|api/contract)$)' },
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.ccx/**', 'apps/cli/bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Cycles inside dependencies are not ours to fix, and following them trips the resolver
      // inside @azure/identity's MSAL (a `node` folder taken for a resolver plugin).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  // Tests may reach across layers (a provider test drives the sandbox); product code may not.
  ...layers.map(({ files, banned, bannedRegex }) => ({
    files,
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/*.contract.ts', '**/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...banned.map((group) => ({ group: [group] })),
            ...(bannedRegex ? [{ regex: bannedRegex }] : []),
          ].map((pattern) => ({
            ...pattern,
            message: 'This import breaks the layering in DESIGN.md.',
          })),
        },
      ],
    },
  })),
  {
    files: ['**/*.test.ts', '**/*.contract.ts', 'e2e/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
