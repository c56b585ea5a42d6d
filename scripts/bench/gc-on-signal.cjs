// Preloaded by a benchmark into the processes it measures (NODE_OPTIONS="--require …/gc-on-signal.cjs"; Node 20
// refuses --trace-gc there): SIGUSR2 starts recording the process's garbage collections, the next SIGUSR2 writes them
// to <ELK_GC_DIR>/<pid>.gc.json ({ kind, startMs, ms } each, startMs on the wall clock), so that only the window the
// benchmark measures is recorded.
const { PerformanceObserver, constants, performance } = require('node:perf_hooks');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const KINDS = { [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge', [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks' };
let observer;
let collections = [];

process.on('SIGUSR2', () => {
  if (!observer) {
    collections = [];
    observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) collections.push({ kind: KINDS[entry.detail?.kind] ?? String(entry.detail?.kind), startMs: performance.timeOrigin + entry.startTime, ms: entry.duration });
    });
    observer.observe({ entryTypes: ['gc'] });
    return;
  }
  observer.disconnect();
  observer = undefined;
  writeFileSync(join(process.env.ELK_GC_DIR ?? '.', `${process.pid}.gc.json`), JSON.stringify(collections));
});
