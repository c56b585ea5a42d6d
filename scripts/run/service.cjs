#!/usr/bin/env node
// Runs one ELK service in distributed mode: `node scripts/run/service.cjs identity`.
// TypeScript is compiled on load by @swc-node/register (decorator metadata included, as Nest needs).
const path = require('node:path');

const SERVICES = ['gateway', 'identity', 'organisation', 'catalog', 'notifications'];
const name = process.argv[2];
if (!SERVICES.includes(name)) {
  console.error(`Usage: service.cjs <${SERVICES.join('|')}>`);
  process.exit(2);
}
process.env.SWC_NODE_PROJECT ??= path.resolve(__dirname, '../../tsconfig.json');
require('@swc-node/register');
require(path.resolve(__dirname, `../../services/${name}/src/main.ts`));
