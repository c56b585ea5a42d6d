/**
 * Runs projections: each batch of the log is applied in one documents transaction that also saves the checkpoint of
 * the batch's last event. A crash therefore loses or keeps a whole batch together with its checkpoint, and no batch is
 * applied twice.
 *
 * The projections of a runner share one subscription and one transaction per batch (a group): one read of the log, one
 * BEGIN and COMMIT, one statement locking their checkpoints and one saving them. Each keeps its own checkpoint, saved in that
 * transaction. Projections that start far apart (a new one catching up from the log's start) run in groups of their
 * own, so that the others stay live meanwhile; one that starts a little ahead of its group waits for it to pass.
 *
 * Several instances of a service run the same projections on the same documents: each batch transaction first takes
 * the projections' checkpoint locks and reads the checkpoints, then applies to each only the events after its own.
 * Instances thus take turns, each event is applied once, and a checkpoint never goes backwards (but at a rebuild's
 * switch, below). The locks take no transaction id (see lockCheckpoints), and the batch's writes and checkpoints are
 * held to its end and written in one statement (TransactionOptions.writesLast): a batch holds a transaction id, which
 * keeps the log's readers from every later append, only for that statement and its commit.
 *
 * A batch that fails in a group is tried again by each of its projections alone (at least once each, up to
 * maxAttempts tries in all): one that keeps failing stops alone, and the others go on in the group.
 *
 * A projection subscribes to the event types it handles only: the event store reads the log with that filter (the
 * group's, all its projections' types), and an append of other types does not wake it. The subscription still moves
 * the projections through the log's other events, in batches with no event (only how far the log has been seen). Such
 * a batch opens no transaction: the group only moves the positions in memory (the documents reflect the log that far
 * already, so waitFor resolves), and saves the checkpoints with the next batch it has work in, or once about
 * SKIPPED_EVENTS_PER_SAVE log events (counted by global position) or SKIPPED_SAVE_INTERVAL_MS have gone by, so that a
 * restart does not read a long tail again. The stored checkpoint may therefore lag behind what the group has
 * delivered: a reset (a rebuild's switch behind what this instance had applied, see projection-rebuild.ts, or a
 * checkpoint reset by hand) shows as a stored checkpoint behind the last one this instance itself stored or read, not
 * behind the batch start. Between those two, the log holds no event the projection handles, so applying the batch's
 * events after the stored checkpoint is right. A projection that sees a reset leaves its group and reads the log again
 * from the stored checkpoint in a group of its own.
 */
import { START_OF_LOG, checkpointOf, type EventStore, type GlobalCheckpoint, type LogEvent, type Subscription } from '@elk/eventstore';
import { compareCheckpoints, type DocumentSession, type DocumentStore } from './document-store';
import type { Projection } from './projection';
import { rebuildProjections, type RebuildOptions } from './projection-rebuild';

export interface ProjectionRunnerOptions {
  /** Events per batch asked of the event store. */
  batchSize?: number;
  /** Tries per batch before the projection stops (a database blip should not stop it). Default 3. */
  maxAttempts?: number;
  /** Wait before the first retry, doubled for each next one. Default 100 ms. */
  retryDelayMs?: number;
  /** A projection stopped on an error; it stays stopped until `rebuild` or a restart. */
  onError?: (projectionName: string, error: unknown) => void;
  /** A projection went through a batch of `events` events it handles (applied here or already by another instance), or 0 only moving past others. */
  onBatch?: (projectionName: string, events: number) => void;
  /** Save the checkpoint after about this many log events (by global position) without work (default 1000)… */
  skippedEventsPerSave?: number;
  /** …or this long after the last save (default 5000 ms), at the next batch. */
  skippedSaveIntervalMs?: number;
}

const SKIPPED_EVENTS_PER_SAVE = 1000;
const SKIPPED_SAVE_INTERVAL_MS = 5000;

export interface WaitForOptions {
  /** Only these projections (default: all). */
  projections?: readonly string[];
  /** Default 5000 ms; then ProjectionWaitTimeoutError. */
  timeoutMs?: number;
}

export interface ProjectionRunner {
  /** Resolves when every projection has caught up with the log as it was when it started. */
  readonly caughtUp: Promise<void>;
  /** Resolves when the projections have applied everything up to `checkpoint` (read-your-writes). */
  waitFor(checkpoint: GlobalCheckpoint, options?: WaitForOptions): Promise<void>;
  /**
   * Replays the log into a new version of the projection's collections while the live one keeps serving and
   * projecting, then switches to it (rebuildProjections); a projection stopped on an error starts again from there.
   */
  rebuild(projectionName: string, options?: RebuildOptions): Promise<void>;
  /** Stops every subscription after its batch in flight; pending waitFor calls reject. */
  stop(): Promise<void>;
}

export class ProjectionFailedError extends Error {
  override readonly name = 'ProjectionFailedError';
  constructor(
    readonly projectionName: string,
    override readonly cause: unknown,
  ) {
    super(`Projection ${projectionName} stopped on an error: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

export class ProjectionWaitTimeoutError extends Error {
  override readonly name = 'ProjectionWaitTimeoutError';
  constructor(
    readonly checkpoint: GlobalCheckpoint,
    readonly lagging: readonly string[],
  ) {
    super(`Projections ${lagging.join(', ')} did not reach ${checkpoint.transactionId}/${checkpoint.globalPosition} in time`);
  }
}

export class ProjectionRunnerStoppedError extends Error {
  override readonly name = 'ProjectionRunnerStoppedError';
  constructor() {
    super('The projection runner is stopped');
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Empties the projection's collections and moves its checkpoint to the start of the log (its lock held). */
async function resetProjection(session: DocumentSession, projection: Projection): Promise<void> {
  for (const collection of projection.collections) await session.collection(collection).deleteAll();
  await session.saveCheckpoint(projection.name, START_OF_LOG);
}

/**
 * Projections whose starting checkpoints are at most this many log events apart share a group from the earliest of
 * them; the others wait that long at most (a batch or two) before they are live.
 */
const GROUP_DISTANCE = 10_000;

/** One projection: where it stands, and the group that feeds it. */
class ProjectionWorker {
  /** What the projection's documents reflect: the stored checkpoint as this worker last saw it, or past it. */
  position: GlobalCheckpoint = START_OF_LOG;
  /** The checkpoint as this worker last stored or read it; the stored one behind it means a reset. */
  known: GlobalCheckpoint = START_OF_LOG;
  failure: ProjectionFailedError | null = null;
  caughtUp: Promise<void> = Promise.resolve();
  group: ProjectionGroup | null = null;
  readonly handles: ReadonlySet<string>;
  private settleCaughtUp = { resolve: () => {}, reject: (_error: ProjectionFailedError) => {} };

  constructor(readonly projection: Projection) {
    this.handles = new Set(projection.handles);
  }

  /** Starts over from `from` (the stored checkpoint). */
  begin(from: GlobalCheckpoint): void {
    this.position = from;
    this.known = from;
    this.failure = null;
    this.caughtUp = new Promise<void>((resolve, reject) => (this.settleCaughtUp = { resolve, reject }));
    // Nobody may be awaiting caughtUp when the projection fails; that must not be an unhandled rejection.
    this.caughtUp.catch(() => undefined);
  }

  markCaughtUp(): void {
    this.settleCaughtUp.resolve();
  }

  fail(error: unknown): void {
    this.failure = new ProjectionFailedError(this.projection.name, error);
    this.settleCaughtUp.reject(this.failure);
  }
}

/** What a group needs of its runner. */
interface GroupContext {
  eventStore: EventStore;
  documentStore: DocumentStore;
  options: ProjectionRunnerOptions;
  /** A projection has moved or stopped. */
  onProgress(): void;
  /** A projection saw its checkpoint reset to `from` and left the group. */
  onReset(worker: ProjectionWorker, from: GlobalCheckpoint): void;
}

/** A projection's share of a batch: its events after its known checkpoint. */
interface Share {
  worker: ProjectionWorker;
  events: LogEvent[];
}

/**
 * For each `parse` that more than one of the shares' projections has: the batch's events parsed with it, each once
 * (the shares hold the same event objects).
 */
function sharedParses(shares: readonly Share[]): Map<Projection['parse'], (events: readonly LogEvent[]) => unknown[]> {
  const sharing = new Map<Projection['parse'], number>();
  for (const { worker } of shares) if (worker.projection.parse) sharing.set(worker.projection.parse, (sharing.get(worker.projection.parse) ?? 0) + 1);
  const parses = new Map<Projection['parse'], (events: readonly LogEvent[]) => unknown[]>();
  for (const [parse, projections] of sharing) {
    if (projections < 2) continue;
    const parsed = new Map<LogEvent, unknown>();
    parses.set(parse, (events) =>
      events.map((event) => {
        if (!parsed.has(event)) parsed.set(event, parse!(event));
        return parsed.get(event);
      }),
    );
  }
  return parses;
}

/** Projections fed by one subscription, each batch applied to all of them in one transaction. */
class ProjectionGroup {
  private subscription: Subscription | null = null;
  /** The last event the subscription delivered: the next batch starts after it. */
  private delivered: GlobalCheckpoint = START_OF_LOG;
  /** Log events (by global position) gone by without a transaction since the last one, and when that was. */
  private skipped = 0;
  private savedAt = 0;
  /** Stopping of the subscription given up from inside its handler (no projection left), for stop() to wait on. */
  private abandoned: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly members: ProjectionWorker[],
    private readonly context: GroupContext,
  ) {}

  /** Starts each member from its checkpoint, and the subscription from the earliest of them. */
  start(checkpoints: readonly GlobalCheckpoint[]): void {
    this.members.forEach((worker, index) => {
      worker.begin(checkpoints[index]!);
      worker.group = this;
    });
    const from = checkpoints.reduce((earliest, checkpoint) => (compareCheckpoints(checkpoint, earliest) < 0 ? checkpoint : earliest));
    this.delivered = from;
    this.skipped = 0;
    this.savedAt = Date.now();
    const subscription: Subscription = this.context.eventStore.subscribeToAll((events, through) => this.handle(events, through, subscription), {
      from,
      batchSize: this.context.options.batchSize,
      eventTypes: [...new Set(this.members.flatMap((worker) => [...worker.handles]))],
      withoutMetadata: true,
      onError: (error) => {
        if (this.subscription !== subscription) return;
        for (const worker of [...this.members]) this.fail(worker, error);
      },
    });
    this.subscription = subscription;
    void subscription.caughtUp.then(
      () => {
        if (this.subscription === subscription) for (const worker of this.members) worker.markCaughtUp();
      },
      () => undefined,
    );
  }

  /** Has the subscription read the log again soon (a waiter needs the group past events it does not handle). */
  readNow(): void {
    this.subscription?.readNow();
  }

  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    await Promise.all([subscription?.stop(), this.abandoned]);
  }

  /** `events` are all of types some member handles; `checkpoint` is how far the log has been seen. */
  private async handle(events: LogEvent[], checkpoint: GlobalCheckpoint, subscription: Subscription): Promise<void> {
    // A batch of a subscription already given up is left alone.
    if (this.subscription !== subscription) return;
    // A member that started ahead of the group (or has moved past the batch) waits for the group to reach it.
    const shares: Share[] = this.members
      .filter((worker) => compareCheckpoints(worker.known, checkpoint) < 0)
      .map((worker) => ({ worker, events: events.filter((event) => worker.handles.has(event.type) && compareCheckpoints(checkpointOf(event), worker.known) > 0) }));
    const gone = checkpoint.globalPosition > this.delivered.globalPosition ? Number(checkpoint.globalPosition - this.delivered.globalPosition) : 0;
    if (shares.length === 0 || (!shares.some((share) => share.events.length > 0) && !this.saveDue(gone))) {
      this.skipped += gone;
      this.delivered = checkpoint;
      for (const { worker } of shares) {
        if (compareCheckpoints(worker.position, checkpoint) < 0) worker.position = checkpoint;
        this.context.options.onBatch?.(worker.projection.name, 0);
      }
      this.context.onProgress();
      return;
    }
    const stored = await this.applyBatch(shares, checkpoint, subscription);
    if (!stored) return;
    this.delivered = checkpoint;
    this.skipped = 0;
    this.savedAt = Date.now();
    for (const { worker, events: applied } of shares) {
      const checkpointStored = stored.get(worker);
      if (!checkpointStored) continue;
      if (compareCheckpoints(checkpointStored, worker.known) < 0) {
        this.leave(worker);
        this.context.onReset(worker, checkpointStored);
        continue;
      }
      worker.known = checkpointStored;
      // Another instance may have stored a checkpoint behind this batch: what lies between holds no event to apply.
      worker.position = compareCheckpoints(checkpointStored, checkpoint) >= 0 ? checkpointStored : checkpoint;
      this.context.options.onBatch?.(worker.projection.name, applied.length);
    }
    this.context.onProgress();
  }

  /**
   * The batch in one transaction, retried; after a failure each projection of a group tries alone (at least once), so
   * that only one that keeps failing stops. The checkpoint each projection stored (or found stored) by projection, of
   * those that did not fail; undefined when the subscription was given up meanwhile.
   */
  private async applyBatch(shares: Share[], checkpoint: GlobalCheckpoint, subscription: Subscription): Promise<Map<ProjectionWorker, GlobalCheckpoint> | undefined> {
    const maxAttempts = this.context.options.maxAttempts ?? 3;
    const stored = new Map<ProjectionWorker, GlobalCheckpoint>();
    let parts = [shares];
    for (let attempt = 1; parts.length > 0; attempt++) {
      const failed: Share[][] = [];
      for (const part of parts) {
        try {
          for (const [worker, saved] of await this.transact(part, checkpoint)) stored.set(worker, saved);
        } catch (error) {
          if (this.subscription !== subscription) return undefined;
          if (part.length > 1) failed.push(...part.map((share) => [share]));
          else if (attempt < maxAttempts) failed.push(part);
          else this.fail(part[0]!.worker, error);
        }
      }
      parts = failed;
      if (parts.length > 0) await sleep((this.context.options.retryDelayMs ?? 100) * 2 ** (attempt - 1));
      if (this.subscription !== subscription) return undefined;
    }
    return stored;
  }

  /** One transaction: locks the members' checkpoints, applies to each the events after its own, saves them. */
  private transact(shares: Share[], checkpoint: GlobalCheckpoint): Promise<Map<ProjectionWorker, GlobalCheckpoint>> {
    return this.context.documentStore.transaction(
      async (session) => {
        const locked = await session.lockCheckpoints(shares.map(({ worker }) => worker.projection.name));
        const stored = new Map<ProjectionWorker, GlobalCheckpoint>();
        const saves = new Map<string, GlobalCheckpoint>();
        const applies: Array<() => Promise<void>> = [];
        const parses = sharedParses(shares);
        for (const { worker, events } of shares) {
          const current = locked.get(worker.projection.name) ?? START_OF_LOG;
          // Another instance has applied the batch already, or the checkpoint was reset behind it (a rebuild elsewhere).
          if (compareCheckpoints(current, checkpoint) >= 0 || compareCheckpoints(current, worker.known) < 0) {
            stored.set(worker, current);
            continue;
          }
          const toApply = events.filter((event) => compareCheckpoints(checkpointOf(event), current) > 0);
          if (toApply.length > 0) applies.push(() => worker.projection.apply(toApply, session, parses.get(worker.projection.parse)?.(toApply)));
          saves.set(worker.projection.name, checkpoint);
          stored.set(worker, checkpoint);
        }
        await applyAll(applies);
        await session.saveCheckpoints(saves);
        return stored;
      },
      { redoable: true, writesLast: true },
    );
  }

  /** A batch without work saves the checkpoints only after many skipped events or a while since the last save. */
  private saveDue(events: number): boolean {
    return (
      this.skipped + events >= (this.context.options.skippedEventsPerSave ?? SKIPPED_EVENTS_PER_SAVE) ||
      Date.now() - this.savedAt >= (this.context.options.skippedSaveIntervalMs ?? SKIPPED_SAVE_INTERVAL_MS)
    );
  }

  private fail(worker: ProjectionWorker, error: unknown): void {
    this.leave(worker);
    worker.fail(error);
    this.context.options.onError?.(worker.projection.name, error);
    this.context.onProgress();
  }

  /** Takes `worker` out of the group; the last one out gives the subscription up (from inside its handler, maybe). */
  private leave(worker: ProjectionWorker): void {
    this.members.splice(this.members.indexOf(worker), 1);
    worker.group = null;
    if (this.members.length > 0 || !this.subscription) return;
    const subscription = this.subscription;
    this.subscription = null;
    this.abandoned = Promise.all([this.abandoned, subscription.stop().catch(() => undefined)]);
  }
}

interface Waiter {
  checkpoint: GlobalCheckpoint;
  workers: ProjectionWorker[];
  resolve: () => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

class Runner implements ProjectionRunner {
  private readonly workers: ProjectionWorker[];
  private readonly groups = new Set<ProjectionGroup>();
  private readonly waiters = new Set<Waiter>();
  private readonly context: GroupContext;
  private stopped = false;

  constructor(
    projections: readonly Projection[],
    private readonly eventStore: EventStore,
    private readonly documentStore: DocumentStore,
    options: ProjectionRunnerOptions,
  ) {
    this.workers = projections.map((projection) => new ProjectionWorker(projection));
    this.context = {
      eventStore,
      documentStore,
      options,
      onProgress: () => this.settleWaiters(),
      onReset: (worker, from) => this.startGroup([worker], [from]),
    };
  }

  /** Groups the projections by how close their stored checkpoints are, and starts each group. */
  async start(): Promise<void> {
    const checkpoints = await Promise.all(this.workers.map((worker) => this.startingCheckpoint(worker.projection)));
    const byCheckpoint = this.workers.map((worker, index) => ({ worker, from: checkpoints[index]! })).sort((a, b) => compareCheckpoints(a.from, b.from));
    let group: typeof byCheckpoint = [];
    for (const entry of byCheckpoint) {
      if (group.length > 0 && entry.from.globalPosition - group[0]!.from.globalPosition > BigInt(GROUP_DISTANCE)) {
        this.startGroup(group.map(({ worker }) => worker), group.map(({ from }) => from));
        group = [];
      }
      group.push(entry);
    }
    if (group.length > 0) this.startGroup(group.map(({ worker }) => worker), group.map(({ from }) => from));
  }

  private startGroup(workers: ProjectionWorker[], checkpoints: GlobalCheckpoint[]): void {
    const group = new ProjectionGroup(workers, this.context);
    this.groups.add(group);
    group.start(checkpoints);
  }

  /**
   * The stored checkpoint. A projection that has never run on this store (a new one, or a new name for changed
   * logic) starts as a rebuild does: its collections may hold what an older version wrote, which it must not skip.
   */
  private async startingCheckpoint(projection: Projection): Promise<GlobalCheckpoint> {
    const stored = await this.documentStore.getCheckpoint(projection.name);
    if (stored) return stored;
    return this.documentStore.transaction(async (session) => {
      // Another instance may have started it meanwhile.
      const locked = await session.lockCheckpoint(projection.name);
      if (locked) return locked;
      await resetProjection(session, projection);
      return START_OF_LOG;
    });
  }

  get caughtUp(): Promise<void> {
    return Promise.all(this.workers.map((worker) => worker.caughtUp)).then(() => undefined);
  }

  async waitFor(checkpoint: GlobalCheckpoint, options: WaitForOptions = {}): Promise<void> {
    const workers = options.projections ? options.projections.map((name) => this.worker(name)) : this.workers;
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { checkpoint, workers, resolve, reject };
      if (this.settle(waiter)) return;
      this.waiters.add(waiter);
      // A projection behind the checkpoint may be waiting for an append of its own types to read again.
      for (const worker of workers) if (compareCheckpoints(worker.position, checkpoint) < 0) worker.group?.readNow();
      waiter.timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const lagging = workers.filter((worker) => compareCheckpoints(worker.position, checkpoint) < 0).map((worker) => worker.projection.name);
        reject(new ProjectionWaitTimeoutError(checkpoint, lagging));
      }, options.timeoutMs ?? 5000);
    });
  }

  async rebuild(projectionName: string, options: RebuildOptions = {}): Promise<void> {
    if (this.stopped) throw new ProjectionRunnerStoppedError();
    const worker = this.worker(projectionName);
    await rebuildProjections(this.eventStore, this.documentStore, [worker.projection], options);
    // A projection stopped on an error starts again from the rebuild's switch, in a group of its own.
    if (worker.failure) this.startGroup([worker], [(await this.documentStore.getCheckpoint(projectionName)) ?? START_OF_LOG]);
    await worker.caughtUp;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.groups].map((group) => group.stop()));
    this.settleWaiters();
  }

  private worker(name: string): ProjectionWorker {
    const worker = this.workers.find((candidate) => candidate.projection.name === name);
    if (!worker) throw new Error(`Unknown projection ${name}`);
    return worker;
  }

  private settleWaiters(): void {
    for (const waiter of this.waiters) {
      if (this.settle(waiter)) {
        this.waiters.delete(waiter);
        clearTimeout(waiter.timer);
      }
    }
  }

  /** Resolves or rejects the waiter if its outcome is known; true when it did. */
  private settle(waiter: Waiter): boolean {
    const failed = waiter.workers.find((worker) => worker.failure);
    if (failed?.failure) waiter.reject(failed.failure);
    else if (this.stopped) waiter.reject(new ProjectionRunnerStoppedError());
    else if (waiter.workers.every((worker) => compareCheckpoints(worker.position, waiter.checkpoint) >= 0)) waiter.resolve();
    else return false;
    return true;
  }
}

function validate(projections: readonly Projection[]): void {
  const names = new Set<string>();
  const owners = new Map<string, string>();
  for (const projection of projections) {
    if (names.has(projection.name)) throw new Error(`Two projections are named ${projection.name}`);
    names.add(projection.name);
    for (const collection of projection.collections) {
      const owner = owners.get(collection.name);
      // A rebuild empties the projection's collections, so a collection must have one writer.
      if (owner) throw new Error(`Collection ${collection.name} is written by both ${owner} and ${projection.name}`);
      owners.set(collection.name, projection.name);
    }
  }
}

/** Sets up the projections' collections and starts each projection from its stored checkpoint. */
export async function startProjections(
  eventStore: EventStore,
  documentStore: DocumentStore,
  projections: readonly Projection[],
  options: ProjectionRunnerOptions = {},
): Promise<ProjectionRunner> {
  validate(projections);
  await documentStore.ensureCollections(projections.flatMap((projection) => projection.collections));
  const runner = new Runner(projections, eventStore, documentStore, options);
  await runner.start();
  return runner;
}

/**
 * The projections' applies of a batch, at once (each reads and writes only its own collections), so that their reads
 * reach the database together: every exchange a batch waits for holds its transaction open (embedded, PGlite runs
 * nothing else meanwhile). Every apply is waited for before a failure is thrown, so that no statement of the batch
 * runs after its rollback.
 */
async function applyAll(applies: ReadonlyArray<() => Promise<void>>): Promise<void> {
  const failed = (await Promise.allSettled(applies.map((apply) => apply()))).find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}
