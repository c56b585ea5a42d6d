#!/usr/bin/env node
// `npm start`: ELK embedded — every service in this one process, the in-process bus, PGlite under
// ./data. Builds the cabinet first if it has not been built.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
if (!fs.existsSync(path.join(root, 'services/web/dist/index.html'))) {
  console.log('Собираю веб-кабинет (один раз)…');
  const { status } = spawnSync('npm', ['run', 'build', '-w', '@elk/web'], { cwd: root, stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}
process.env.SWC_NODE_PROJECT ??= path.join(root, 'tsconfig.json');
require('@swc-node/register');
require('./run/embedded.ts')
  .main()
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
