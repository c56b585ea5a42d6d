/**
 * A system started detached for a test run or a benchmark (e2e/shared-stacks.ts) stops once the process that owns it
 * is gone. A run killed before its teardown otherwise left its system running on the run's NATS namespace, where the
 * next run's system of the same namespace shared requests with it (decision 0003, 2026-12-07, afternoon).
 */
export const OWNER_PID_ENV = 'ELK_OWNER_PID';

const CHECK_EVERY_MS = 1000;

/** Calls `stop` once the process `pid` (by default ELK_OWNER_PID's; none: never) has ended. */
export function stopWhenOwnerGone(stop: () => void, pid = Number(process.env[OWNER_PID_ENV] ?? 0)): void {
  if (!pid) return;
  const timer = setInterval(() => {
    if (isRunning(pid)) return;
    clearInterval(timer);
    stop();
  }, CHECK_EVERY_MS);
  // The system's own servers keep it alive; this check alone must not.
  timer.unref();
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
