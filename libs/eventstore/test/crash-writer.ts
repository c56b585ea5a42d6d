import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

/** Starts crash-writer.main.ts (see there) appending to `location` through the `kind` adapter, logging to `logFile`. */
export function startCrashWriter(kind: 'postgres' | 'pglite', location: string, schema: string, logFile: string): ChildProcess {
  writeFileSync(logFile, '');
  return spawn(process.execPath, ['-r', join(ROOT, 'scripts/run/register-typescript.cjs'), join(__dirname, 'crash-writer.main.ts'), kind, location, schema, logFile], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

export async function killNow(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

export interface CrashLog {
  /** Each append sent, by id: its events and their streams. */
  sent: Map<string, Array<{ streamId: string; eventId: string }>>;
  acked: Set<string>;
}

/** What the writer logged before it died (a last line cut short by the kill is left out). */
export function readCrashLog(logFile: string): CrashLog {
  const sent: CrashLog['sent'] = new Map();
  const acked = new Set<string>();
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (line.startsWith('sent ')) {
      try {
        const { id, events } = JSON.parse(line.slice(5)) as { id: string; events: Array<{ streamId: string; eventId: string }> };
        sent.set(id, events);
      } catch {
        // cut short
      }
    } else if (line.startsWith('acked ')) acked.add(line.slice(6));
  }
  return { sent, acked };
}

export function ackedCount(logFile: string): number {
  return readCrashLog(logFile).acked.size;
}

/**
 * Checks the store's events against the log: every acknowledged append (at least `minAcked`) stored whole, every other
 * append whole or not at all, nothing stored that was never sent, and every stream's positions 1…n without a gap.
 */
export function expectSurvivorsWhole(log: CrashLog, stored: ReadonlyArray<{ event_id: string; stream_id: string; stream_position: number }>, minAcked: number): void {
  const storedIds = new Map(stored.map((row) => [row.event_id, row.stream_id]));
  const appends = [...log.sent].map(([id, events]) => ({ id, acked: log.acked.has(id), storedEvents: events.filter(({ eventId, streamId }) => storedIds.get(eventId) === streamId).length, events: events.length }));
  const sentIds = new Set([...log.sent.values()].flatMap((events) => events.map(({ eventId }) => eventId)));
  const positions = new Map<string, number[]>();
  for (const row of stored) positions.set(row.stream_id, [...(positions.get(row.stream_id) ?? []), row.stream_position]);

  expect(appends.filter((append) => append.acked).length).toBeGreaterThanOrEqual(minAcked);
  expect(appends.filter((append) => append.acked && append.storedEvents !== append.events).map(({ id }) => id)).toEqual([]);
  expect(appends.filter((append) => append.storedEvents > 0 && append.storedEvents !== append.events).map(({ id }) => id)).toEqual([]);
  expect(stored.filter((row) => !sentIds.has(row.event_id))).toEqual([]);
  expect([...positions].filter(([, list]) => list.sort((a, b) => a - b).some((position, index) => position !== index + 1)).map(([streamId]) => streamId)).toEqual([]);
  // 16 writers had appends in flight when the process died: they went in whole without an answer, or not at all.
  expect(appends.filter((append) => !append.acked).length).toBeGreaterThan(0);
}
