// Lint rules that keep the architecture honest:
// - no service imports another service; services use libs only;
// - libs never import services; the web cabinet uses only browser-safe libs;
// - deciders (the domain) import no framework and do no I/O;
// - the composition root (project `elk`: scripts/, e2e/, deploy/) assembles the services, so it may import them, and only
//   through their package names.
const nx = require('@nx/eslint-plugin');
const tseslint = require('typescript-eslint');

const boundaries = (allow) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allow,
    depConstraints: [
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
      { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'] },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'] },
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:testing'] },
      { sourceTag: 'type:web', onlyDependOnLibsWithTags: ['platform:universal'] },
      { sourceTag: 'type:composition', onlyDependOnLibsWithTags: ['*'] },
      { sourceTag: 'scope:identity', onlyDependOnLibsWithTags: ['scope:shared', 'scope:identity'] },
      { sourceTag: 'scope:organisation', onlyDependOnLibsWithTags: ['scope:shared', 'scope:organisation'] },
      { sourceTag: 'scope:catalog', onlyDependOnLibsWithTags: ['scope:shared', 'scope:catalog'] },
      { sourceTag: 'scope:devices', onlyDependOnLibsWithTags: ['scope:shared', 'scope:devices'] },
      { sourceTag: 'scope:sales-journal', onlyDependOnLibsWithTags: ['scope:shared', 'scope:sales-journal'] },
      { sourceTag: 'scope:notifications', onlyDependOnLibsWithTags: ['scope:shared', 'scope:notifications'] },
      { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:shared', 'scope:gateway'] },
      { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:shared', 'scope:web'] },
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    ],
  },
];

const frameworkAndIo = ['@nestjs/*', 'pg', '@electric-sql/pglite', 'nats', 'ioredis', 'fastify', 'twilio', 'node:*', 'fs', 'http', 'crypto'];

module.exports = [
  { ignores: ['**/node_modules/**', '**/dist/**', 'libs/contracts/src/pos-proto/**', 'data/**', 'test-results/**', 'bench/results/**', '.nx/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.cjs', '**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': boundaries([]),
    },
  },
  {
    files: ['scripts/**/*.ts', 'e2e/**/*.ts', 'deploy/**/*.ts'],
    // Apps are otherwise never imported: the composition root starts them.
    rules: { '@nx/enforce-module-boundaries': boundaries(['@elk/*']) },
  },
  {
    files: ['**/*.decider.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: frameworkAndIo.map((group) => ({ group: [group], message: 'A decider is pure: no framework, no I/O.' })) }],
    },
  },
];
