#!/usr/bin/env node
// The README's test command (`npm test`): type-check, lint, build the cabinet, then every jest test
// (unit, integration, end to end in both run modes and in headless Chromium). Prints, last, the line
// `tests: N passed, N failed` (also written to test-results/summary.txt for .ci/run).
// Extra arguments go to jest, e.g. `npm test -- libs/eventstore`.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
require('./ensure-installed.cjs').ensureInstalled();
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const jestArgs = process.argv.slice(2);

function run(label, command, args) {
  console.log(`\n== ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  console.log(`== ${label}: ${status === 0 ? 'ok' : `FAILED (exit ${status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return status === 0;
}

const checks = [];
/** Resolves once the PGlite template is made (a full run only). */
let templateMade = Promise.resolve();
if (jestArgs.length === 0) {
  // The PGlite template the tests start their databases from (jest's global setups make it otherwise): initdb takes
  // ~4 s of one core on a fresh checkout, made here beside the type-check, which leaves the other core idle.
  const template = spawn(process.execPath, ['-r', './scripts/run/register-typescript.cjs', '-e', "require('./libs/testing/src/pglite-template.ts').ensurePgliteTemplate()"], { cwd: root, stdio: 'inherit' });
  templateMade = new Promise((resolve) => template.on('close', resolve));
  checks.push(['typecheck', run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'])]);
  // The cabinet has its own tsconfig (DOM, Vite), which the root one does not cover.
  checks.push(['web typecheck', run('web typecheck', 'npm', ['run', 'typecheck', '-w', '@elk/web'])]);
  checks.push(['lint', run('lint', 'node', [path.join(__dirname, 'lint.cjs')])]);
  checks.push(['web build', run('web build', 'npm', ['run', 'build', '-w', '@elk/web'])]);
} else if (!fs.existsSync(path.join(root, 'services/web/dist/index.html'))) {
  // The browser tests open the built cabinet: a fresh checkout has none until the first full run.
  checks.push(['web build', run('web build', 'npm', ['run', 'build', '-w', '@elk/web'])]);
}

async function runJest() {
  await templateMade;
  // The report the summary is read from; `npm test -- --outputFile=…` moves it (a second --outputFile crashed jest).
  const outputArg = jestArgs.find((arg) => arg.startsWith('--outputFile='));
  const reportFile = outputArg ? path.resolve(root, outputArg.slice('--outputFile='.length)) : path.join(results, 'jest.json');
  const reportArgs = ['--json', ...(outputArg ? [] : [`--outputFile=${reportFile}`])];
  fs.rmSync(reportFile, { force: true });
  // PGlite loads parts of itself with dynamic import(), which jest only allows with VM modules on.
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim();
  run('jest', 'npx', ['jest', '--ci', ...reportArgs, ...jestArgs.filter((arg) => arg !== '--json')]);

  let passed = checks.filter(([, ok]) => ok).length;
  let failed = checks.filter(([, ok]) => !ok).length;
  let skipped = 0;
  if (fs.existsSync(reportFile)) {
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
    skipped += report.numPendingTests + report.numTodoTests;
    for (const suite of report.testResults) {
      if (suite.status === 'failed' && suite.assertionResults.every((a) => a.status !== 'failed')) {
        console.log(`suite failed to run: ${path.relative(root, suite.name)}\n${suite.message}`);
      }
    }
  } else {
    failed += 1;
    console.log('jest wrote no report');
  }
  for (const [name, ok] of checks) if (!ok) console.log(`check failed: ${name}`);

  const summary = `tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
  fs.writeFileSync(path.join(results, 'summary.txt'), `${summary}\n`);
  console.log(summary);
  process.exit(failed === 0 ? 0 : 1);
}

void runJest();
