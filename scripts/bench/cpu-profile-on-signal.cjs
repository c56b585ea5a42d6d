// Preloaded by a benchmark into the processes it measures (NODE_OPTIONS="--require …/cpu-profile-on-signal.cjs"; Node
// 20 refuses --cpu-prof there): SIGUSR2 starts V8's CPU profiler, the next SIGUSR2 stops it and writes
// <ELK_CPU_PROFILE_DIR>/<pid>-<n>.cpuprofile, which Chrome DevTools opens. So a profile holds only the window the
// benchmark measures, not the start or the seeding.
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.ELK_CPU_PROFILE_DIR ?? '.';
const intervalUs = Number(process.env.ELK_CPU_PROFILE_INTERVAL_US ?? 200);
let session;
let written = 0;

process.on('SIGUSR2', () => {
  if (!session) {
    session = new Session();
    session.connect();
    session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: intervalUs }, () => session.post('Profiler.start')));
    return;
  }
  const profiling = session;
  session = undefined;
  profiling.post('Profiler.stop', (error, result) => {
    if (!error) writeFileSync(join(dir, `${process.pid}-${++written}.cpuprofile`), JSON.stringify(result.profile));
    profiling.disconnect();
  });
});
