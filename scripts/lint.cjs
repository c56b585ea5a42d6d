#!/usr/bin/env node
// `npm run lint`: ESLint over the repository once Nx has cached its project graph. Without a cached graph
// @nx/enforce-module-boundaries skips every file (with a console warning, not a lint warning), and nothing
// keeps a service from importing another. Extra arguments go to eslint.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function cacheProjectGraph() {
  const { status } = spawnSync('npx', ['nx', 'show', 'projects'], { cwd: root, env: { ...process.env, NX_DAEMON: 'false' }, stdio: ['ignore', 'ignore', 'inherit'] });
  if (status !== 0) throw new Error(`nx could not compute the project graph (exit ${status})`);
}

module.exports = { cacheProjectGraph };

if (require.main === module) {
  cacheProjectGraph();
  const { status } = spawnSync('npx', ['eslint', '.', '--max-warnings=0', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  process.exit(status ?? 1);
}
