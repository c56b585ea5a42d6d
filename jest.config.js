// One jest run for the whole repo. File suffixes say what a test needs:
//   *.spec.ts       pure unit tests (deciders, helpers)
//   *.int.spec.ts   integration against real PostgreSQL / NATS / Redis on loopback
//   *.e2e.spec.ts   the whole system over HTTP (both run modes) and in headless Chromium
// PGlite (the embedded database) loads parts of itself with dynamic import(), which jest allows only with
// VM modules on. `npm test` sets the flag; a bare `npx jest` gets told how to run instead of odd failures.
if (!(process.env.NODE_OPTIONS ?? '').includes('--experimental-vm-modules')) {
  throw new Error('Run the tests with `npm test` (or `NODE_OPTIONS=--experimental-vm-modules npx jest …`): PGlite needs VM modules.');
}

// The ELKs and services the tests start hash passwords and codes at argon2id's test cost, not OWASP's ~20 ms of CPU a
// hash (services/identity secret.hasher.ts, docs/decisions/0023-test-secret-hash-cost.md): honoured only with
// NODE_ENV=test, which jest sets. The test workers and the systems they start inherit it.
process.env.ELK_SECRET_HASH_COST ??= 'test';

// The tests' PostgreSQL sessions commit without waiting for the WAL flush (libpq's PGOPTIONS, which node-postgres reads):
// on this machine's disk a commit waited 3.3–4.9 ms for it, 0.2 ms without, and the distributed tests commit thousands
// of times one after another. Nothing tested depends on a commit surviving a crash of the PostgreSQL server; a crash
// loses the last moments' commits, never consistency. The test workers and the systems they start inherit it.
process.env.PGOPTIONS ??= '-c synchronous_commit=off';

const swc = ['@swc/jest', require('./scripts/run/swc-options.cjs')];

const common = {
  testEnvironment: 'node',
  // content-disposition 3 (loaded by @fastify/static) is ESM-only: compile it to CommonJS like our code.
  transform: { '^.+\\.tsx?$': swc, 'node_modules/content-disposition/.+\\.js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/services/web/'],
  // Compiles each module once per worker, not once per test file (scripts/test-runtime.cjs).
  runtime: '<rootDir>/scripts/test-runtime.cjs',
};

module.exports = {
  // Test files are isolated from each other (fresh schemas and databases, random ids, and each worker's own NATS
  // namespace: TEST_NATS_NAMESPACE in libs/testing), so several run at once. Three on this 2-core machine: the files
  // spend much of their time waiting on PostgreSQL, NATS, Chromium and the distributed ELK (two workers kept ~1.25
  // cores busy), and three cut the run from ~460 s to 360–390 s (four: 443 s).
  maxWorkers: 3,
  // Real databases and brokers on a shared machine, three files at once: a slow moment is not a failure (hanging still
  // is). Jest reads testTimeout for the whole run only; set in a project, it was ignored (5 s).
  testTimeout: 30_000,
  testSequencer: '<rootDir>/scripts/test-sequencer.cjs',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,services,scripts,deploy}/**/*.spec.ts'], testPathIgnorePatterns: [...common.testPathIgnorePatterns, '\\.int\\.spec\\.ts$', '\\.e2e\\.spec\\.ts$'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,services,scripts}/**/*.int.spec.ts'],
      // Test databases start from one initdb'd PGlite (libs/testing/src/pglite-template.ts): made here, before the workers.
      globalSetup: '<rootDir>/libs/testing/src/jest-global-setup.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/{libs,services,scripts,e2e}/**/*.e2e.spec.ts'],
      // One distributed ELK for every e2e file of the run (e2e/distributed-stack.ts), stopped at the end.
      globalSetup: '<rootDir>/e2e/global-setup.ts',
      globalTeardown: '<rootDir>/e2e/global-teardown.ts',
    },
  ],
};
