#!/usr/bin/env node
// Runs one ELK service in distributed mode: `node scripts/run/service.cjs identity`.
// TypeScript is compiled on load, through the compile cache `npm start` uses (register-typescript.cjs).
const path = require('node:path');

const SERVICES = ['gateway', 'identity', 'organisation', 'catalog', 'devices', 'sales-journal', 'notifications'];
const name = process.argv[2];
if (!SERVICES.includes(name)) {
  console.error(`Usage: service.cjs <${SERVICES.join('|')}>`);
  process.exit(2);
}
require('./register-typescript.cjs');
require(path.resolve(__dirname, `../../services/${name}/src/main.ts`));
