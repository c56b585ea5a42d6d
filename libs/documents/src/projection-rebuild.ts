/**
 * Rebuilds projections into the next version of their collections while the live version keeps serving (and keeps
 * being projected into by running instances), then switches to it atomically. See docs/decisions (versioned replay).
 */
import { START_OF_LOG, checkpointOf, type EventStore, type GlobalCheckpoint } from '@elk/eventstore';
import { compareCheckpoints, type DocumentSession, type DocumentStore } from './document-store';
import type { Projection } from './projection';

export interface RebuildProgress {
  /** Log events read so far (of any type). */
  events: number;
  /** Global position of the last event read, and the log's last one when the rebuild last looked. */
  position: bigint;
  lastPosition: bigint;
}

export interface RebuildOptions {
  /** Log events per read and per transaction. Default 5000. */
  batchSize?: number;
  /** After each batch; the rebuild goes on once it resolves. */
  onProgress?: (progress: RebuildProgress) => void | Promise<void>;
}

const DEFAULT_REBUILD_BATCH_SIZE = 5000;
/**
 * Tries at switching while running instances have applied events the rebuild had not yet read. After them the switch
 * goes ahead anyway: the instances see the live checkpoint behind theirs and apply those events again, into the new
 * version, a moment later.
 */
const SWITCH_ATTEMPTS = 5;

/** How long to wait when the log's end is not readable yet (an older transaction elsewhere is still open). */
const WAIT_FOR_OLDER_TRANSACTIONS_MS = 20;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The live checkpoint is ahead of the rebuild: read on and try again. */
class LiveAheadError extends Error {}

/**
 * Rebuilds `projections` from the start of the log into a new version of their collections and switches to it;
 * resolves with the events read. Several projections share one read of the log (each page applied to each of them at
 * the same time, in a transaction of its own) and switch together.
 */
export async function rebuildProjections(eventStore: EventStore, documentStore: DocumentStore, projections: readonly Projection[], options: RebuildOptions = {}): Promise<{ events: number }> {
  const batchSize = options.batchSize ?? DEFAULT_REBUILD_BATCH_SIZE;
  const rebuilding = projections.map((projection) => ({ projection, handles: new Set(projection.handles) }));
  const rebuild = await documentStore.startRebuild(projections.flatMap((projection) => projection.collections));
  let position: GlobalCheckpoint = START_OF_LOG;
  let events = 0;
  let lastPosition = 0n;

  let highest = 0n;
  /**
   * Applies the log after `position` to the new version, a batch per transaction, until it has read the log's last
   * event as it was when it began and a read comes back short. (The log shows an event only once every transaction
   * older than its own has ended, so a short read alone does not mean the end: a transaction elsewhere may be open.)
   */
  const catchUp = async () => {
    const target = (lastPosition = await eventStore.lastGlobalPosition());
    const read = (after: GlobalCheckpoint) => {
      const page = eventStore.readAll({ after, maxCount: batchSize, withoutMetadata: true });
      // Read ahead, it may fail while no one awaits it yet (the batch before failed): not an unhandled rejection.
      page.catch(() => undefined);
      return page;
    };
    let next = read(position);
    for (;;) {
      const batch = await next;
      const last = batch.at(-1);
      const full = batch.length === batchSize;
      // After a full page, the next one is read while this one is applied.
      if (last && full) next = read(checkpointOf(last));
      if (last) {
        const applies = rebuilding.map(({ projection, handles }) => ({ projection, mine: batch.filter((event) => handles.has(event.type)) })).filter(({ mine }) => mine.length > 0);
        // Each projection in a transaction of its own, all at once: node folds one projection's page while PostgreSQL
        // reads or writes another's (a rebuild that fails is discarded whole, so a page need not commit as one).
        const applied = await Promise.allSettled(applies.map(({ projection, mine }) => rebuild.transaction((session) => projection.apply(mine, session))));
        const failed = applied.find((result) => result.status === 'rejected');
        if (failed) throw failed.reason;
        position = checkpointOf(last);
        events += batch.length;
        for (const event of batch) if (event.globalPosition > highest) highest = event.globalPosition;
        if (highest > lastPosition) lastPosition = highest;
        await options.onProgress?.({ events, position: position.globalPosition, lastPosition });
      }
      if (full) continue;
      if (highest >= target) return;
      await sleep(WAIT_FOR_OLDER_TRANSACTIONS_MS);
      next = read(position);
    }
  };

  try {
    await catchUp();
    await rebuild.createIndexes();
    for (let attempt = 1; ; attempt++) {
      await catchUp();
      try {
        await rebuild.switchOver(async (session: DocumentSession) => {
          // Instances wait for these locks before each batch: from here to the commit the live version stands still.
          // All at once, in the locks' one order, as a runner takes them for a batch of several projections.
          const live = await session.lockCheckpoints(rebuilding.map(({ projection }) => projection.name));
          for (const { projection } of rebuilding) {
            if (compareCheckpoints(live.get(projection.name) ?? START_OF_LOG, position) > 0 && attempt < SWITCH_ATTEMPTS) throw new LiveAheadError();
          }
          await session.saveCheckpoints(new Map(rebuilding.map(({ projection }) => [projection.name, position])));
        });
        return { events };
      } catch (error) {
        if (!(error instanceof LiveAheadError)) throw error;
      }
    }
  } catch (error) {
    await rebuild.discard().catch(() => undefined);
    throw error;
  }
}
