import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const scopes = ['intake', 'classification', 'assignment', 'sla', 'follow-up', 'analytics'];

/** Which layers a layer may import. Tests may also use the test kit. */
const layers = (forTests) => {
  const kit = forTests ? ['type:testkit'] : [];
  return [
    { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'] },
    { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', ...kit] },
    { sourceTag: 'type:port', onlyDependOnLibsWithTags: ['type:domain', 'type:port', ...kit] },
    { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:domain', 'type:port', ...kit] },
    { sourceTag: 'type:testkit', onlyDependOnLibsWithTags: ['type:domain', 'type:port', 'type:testkit'] },
    {
      sourceTag: 'type:platform',
      onlyDependOnLibsWithTags: ['type:domain', 'type:port', 'type:adapter', 'type:platform', ...kit],
    },
    {
      sourceTag: 'type:service',
      onlyDependOnLibsWithTags: [
        'type:domain',
        'type:contracts',
        'type:port',
        'type:adapter',
        'type:platform',
        'type:service',
        ...kit,
      ],
    },
    {
      sourceTag: 'type:e2e',
      onlyDependOnLibsWithTags: [
        'type:domain',
        'type:contracts',
        'type:port',
        'type:adapter',
        'type:testkit',
      ],
    },
  ];
};

/**
 * Which services' code a scope may import: its own, the shared kernel, and the published contracts of
 * any producer (`libs/<service>/contracts`) — never another service's domain or application code. A
 * contracts library itself depends on the shared kernel only.
 */
const scopeRules = [
  ...scopes.map((s) => ({
    sourceTag: `scope:${s}`,
    onlyDependOnLibsWithTags: [`scope:${s}`, 'scope:shared', 'type:contracts'],
  })),
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['scope:shared', 'type:contracts'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:host', onlyDependOnLibsWithTags: ['*'] },
  { sourceTag: 'scope:test', onlyDependOnLibsWithTags: ['*'] },
];

const serviceModules = scopes.map((s) => `@kesu/${s}`);

/** @param forTests whether the files are tests; @param allow service apps the files may import (the host) */
const boundaries = (forTests, allow = []) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allow,
    depConstraints: [...layers(forTests), ...scopeRules],
  },
];

export default [
  { ignores: ['**/node_modules', '**/dist', '**/data', '**/.nx', '**/coverage', '**/tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { plugins: { '@nx': nx } },
  {
    files: ['**/*.ts'],
    // Type-aware, for the promise rules: each file is typed by the tsconfig.json that includes it.
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@nx/enforce-module-boundaries': boundaries(false),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.test-support.ts', '**/*.features.ts', 'test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(true), 'no-console': 'off' },
  },
  {
    files: ['services/host/**/*.ts', 'test/bench/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(false, serviceModules) },
  },
  {
    // The security suites attack every service in one process, composed as the host composes them.
    files: ['test/security/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(true, [...serviceModules, '@kesu/platform']) },
  },
  {
    // The fault suites compose the services as the host does, and rebuild their read models to compare.
    files: ['test/fault/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(true, [...serviceModules, '@kesu/platform']) },
  },
  {
    files: ['test/e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.cjs', '**/*.mjs', 'scripts/**/*', '**/main.ts'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-console': 'off' },
  },
  {
    // The web console: React in the browser, typed by its own tsconfig (DOM, JSX).
    files: ['services/console/**/*.{ts,tsx,mts}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { window: 'readonly', document: 'readonly', fetch: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      'no-console': 'error',
    },
  },
  prettier,
];
