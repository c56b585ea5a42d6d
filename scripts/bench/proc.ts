/** What the benches read about processes from /proc. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Pids of `root` and its descendants, from the parent pid field of /proc/<pid>/stat. */
export function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(parent, [...(parents.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while the list was read
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(parents.get(tree[i]!) ?? []));
  return tree.filter((pid) => existsSync(`/proc/${pid}`));
}

/** A field of /proc/<pid>/status in kB (VmRSS, VmHWM …); 0 when absent. */
export function statusKb(pid: number, field: string): number {
  const line = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return line ? Number(line[1]) : 0;
}

/** The process's command line; null once it has ended (a process killed while the list was read). */
export function commandOf(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return null;
  }
}

const CLOCK_TICKS_PER_SECOND = 100;

/**
 * utime + stime of a process (of one of its threads, given its id: the main thread's is the pid), ms, from
 * /proc/<pid>/stat (fields 14 and 15, counted after the command's parenthesis).
 */
export function cpuMsOf(pid: number, thread?: number): number {
  const stat = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** The PostgreSQL server processes serving connections to `database` (titled `postgres: 15/main: user database host …`). */
export function postgresBackendsOf(database: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      const title = commandOf(pid);
      return title !== null && title.startsWith('postgres: ') && title.split(' ').includes(database);
    });
}
