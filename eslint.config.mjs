// Strict lint for the whole workspace; zero warnings are allowed (--max-warnings=0 in every target).
import nx from '@nx/eslint-plugin';
import importPlugin from 'eslint-plugin-import';
import prettier from 'eslint-config-prettier';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const serverSideModules = [
  '@nestjs/*',
  'typeorm',
  'pg',
  '@temporalio/worker',
  '@temporalio/client',
  '@temporalio/activity',
  '@temporalio/testing',
];

/** Which projects may import which, by tag: the architecture the lint enforces. */
const depConstraints = [
  // Workflow code runs in Temporal's deterministic sandbox: only workflow-safe libraries.
  {
    sourceTag: 'type:workflow',
    onlyDependOnLibsWithTags: ['scope:workflow-safe'],
    bannedExternalImports: serverSideModules,
  },
  {
    sourceTag: 'scope:workflow-safe',
    onlyDependOnLibsWithTags: ['scope:workflow-safe'],
    bannedExternalImports: serverSideModules,
  },
  // Services never import each other; they share libraries, and host the workflow worker.
  { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib', 'type:workflow'] },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
  // The demo and its data: production code never imports them (only tests do, below).
  { sourceTag: 'type:demo', onlyDependOnLibsWithTags: ['type:lib'] },
  {
    sourceTag: 'type:e2e',
    onlyDependOnLibsWithTags: ['type:lib', 'type:service', 'type:workflow', 'type:demo'],
  },
];

/** Tests of a service may also use the demo district as realistic data; its production code may not. */
const testDepConstraints = depConstraints.map((constraint) =>
  constraint.sourceTag === 'type:service'
    ? { ...constraint, onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'type:demo'] }
    : constraint,
);

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', '.nx/**', 'coverage/**'] },
  ...nx.configs['flat/base'],
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { import: importPlugin },
    settings: { 'import/resolver': { typescript: { project: './tsconfig.base.json' } } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'import/no-cycle': 'error',
      eqeqeq: ['error', 'always'],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints,
        },
      ],
    },
  },
  {
    // The workflows project also holds Node-side code that never enters the sandbox: its worker
    // entry and its tests (workflows/test: specs, harness, fixture recorder). They may use the worker, client and testing SDKs.
    files: ['workflows/src/worker/**/*.ts', 'workflows/test/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          // Node-side: they may also use Node libraries (the workflow starters, the test harness).
          depConstraints: [
            { sourceTag: 'type:workflow', onlyDependOnLibsWithTags: ['scope:workflow-safe', 'type:lib'] },
          ],
        },
      ],
    },
  },
  {
    // A service's tests (its test folder and specs beside the code) may read the demo district.
    files: ['services/*/test/**/*.ts', 'services/**/*.spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints: testDepConstraints },
      ],
    },
  },
  {
    // Node built-ins are non-deterministic or unavailable inside the workflow sandbox.
    files: ['workflows/src/**/*.ts', 'libs/domain/src/**/*.ts'],
    ignores: ['**/*.spec.ts', 'workflows/src/worker/**', 'workflows/test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'Workflow-safe code may not use Node built-ins.',
          })),
        },
      ],
    },
  },
  {
    // Tests read untyped HTTP bodies (supertest's `any`); the assertions check their shape.
    files: ['**/*.spec.ts', 'test/**/*.ts', 'services/*/test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    // Jest configs import the shared preset from the workspace root, which belongs to no project.
    files: ['**/jest.config.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  { files: ['**/*.mjs', '**/*.js'], ...tseslint.configs.disableTypeChecked },
  prettier,
];
