// Preloaded into `npm start`'s Node processes by bench:startup (NODE_OPTIONS=--require): on SIGUSR2 the process
// writes its V8 and allocator figures to $ELK_BENCH_PROBE_DIR/<pid>.json. Nothing else changes; a signal handler
// does not keep a process alive.
const { renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { getHeapStatistics } = require('node:v8');

process.on('SIGUSR2', () => {
  const file = join(process.env.ELK_BENCH_PROBE_DIR, `${process.pid}.json`);
  writeFileSync(`${file}.tmp`, JSON.stringify({ memoryUsage: process.memoryUsage(), heap: getHeapStatistics() }));
  renameSync(`${file}.tmp`, file);
});
