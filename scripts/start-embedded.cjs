#!/usr/bin/env node
// `npm start`: ELK embedded — every service in this one process, the in-process bus, PGlite under
// ./data. Installs dependencies and builds the cabinet first when needed.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
require('./ensure-installed.cjs').ensureInstalled();
// The cabinet is rebuilt when its sources, its build config or the contracts it validates with are newer than the build.
function newestChange(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestChange(full) : fs.statSync(full).mtimeMs);
  }, 0);
}
const built = path.join(root, 'services/web/dist/index.html');
const sources = ['services/web/src', 'services/web/index.html', 'services/web/vite.config.ts', 'libs/contracts/src', 'libs/auth/src'].map((p) => path.join(root, p));
const stale = !fs.existsSync(built) || sources.some((source) => (fs.statSync(source).isDirectory() ? newestChange(source) : fs.statSync(source).mtimeMs) > fs.statSync(built).mtimeMs);
if (stale) {
  console.log('Собираю веб-кабинет…');
  const { status } = spawnSync('npm', ['run', 'build', '-w', '@elk/web'], { cwd: root, stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}
require('./run/register-typescript.cjs');
require('./run/embedded.ts')
  .main()
  .catch((error) => {
    console.error(error.name === 'DataDirLockedError' ? error.message : error);
    process.exit(1);
  });
