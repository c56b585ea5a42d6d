/**
 * Runs projections: each one subscribes to the global log from its own stored checkpoint, and each batch is
 * applied in one documents transaction that also saves the checkpoint of the batch's last event. A crash
 * therefore loses or keeps a whole batch together with its checkpoint, and no batch is applied twice.
 *
 * Several instances of a service run the same projections on the same documents: each batch transaction
 * first takes the projection's checkpoint lock and re-reads the checkpoint, then applies only the events after
 * it. Instances thus take turns, each event is applied once, and a checkpoint never goes backwards (but at a
 * rebuild's switch, below).
 *
 * A projection subscribes to the event types it handles only: the event store reads the log with that filter, and
 * an append of other types does not wake it. The subscription still moves the projection through the log's other
 * events, in batches with no event (only how far the log has been seen). Such a batch opens no transaction: the
 * worker only moves its position in memory (its documents reflect the log that far already, so waitFor resolves),
 * and saves the checkpoint with the next batch it has work in, or once about SKIPPED_EVENTS_PER_SAVE log events
 * (counted by global position) or SKIPPED_SAVE_INTERVAL_MS have gone by, so that a restart does not read a long
 * tail again. The stored checkpoint may therefore lag behind what the worker has delivered: a reset (a rebuild's
 * switch behind what this instance had applied, see projection-rebuild.ts, or a checkpoint reset by hand) shows as
 * a stored checkpoint behind the last one this worker itself stored or read, not behind the batch start. Between
 * those two, the log holds no event the projection handles, so applying the batch's events after the stored
 * checkpoint is right.
 */
import { START_OF_LOG, checkpointOf, type EventStore, type GlobalCheckpoint, type RecordedEvent, type Subscription } from '@elk/eventstore';
import { lockCheckpoint } from './checkpoint-lock';
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

/** One projection's subscription and where it stands. */
class ProjectionWorker {
  /** What the projection's documents reflect: the stored checkpoint as this worker last saw it. */
  position: GlobalCheckpoint = START_OF_LOG;
  failure: ProjectionFailedError | null = null;
  caughtUp: Promise<void> = Promise.resolve();
  private settleCaughtUp = { resolve: () => {}, reject: (_error: ProjectionFailedError) => {} };
  private subscription: Subscription | null = null;
  /** The last event the subscription delivered: the next batch starts after it. */
  private delivered: GlobalCheckpoint = START_OF_LOG;
  /** The checkpoint as this worker last stored or read it; the stored one behind it means a reset. */
  private known: GlobalCheckpoint = START_OF_LOG;
  /** Log events (by global position) gone by without a transaction since `known` was stored or read, and when that was. */
  private skipped = 0;
  private knownAt = 0;
  /** Stopping of subscriptions given up from inside their handler (failed, or resubscribed), for stop() to wait on. */
  private abandoned: Promise<unknown> = Promise.resolve();

  constructor(
    readonly projection: Projection,
    private readonly eventStore: EventStore,
    private readonly documentStore: DocumentStore,
    private readonly options: ProjectionRunnerOptions,
    private readonly onProgress: () => void,
  ) {}

  start(from: GlobalCheckpoint): void {
    this.caughtUp = new Promise<void>((resolve, reject) => (this.settleCaughtUp = { resolve, reject }));
    // Nobody may be awaiting caughtUp when the projection fails; that must not be an unhandled rejection.
    this.caughtUp.catch(() => undefined);
    this.subscribe(from);
  }

  /** Has the subscription read the log again soon (a waiter needs this worker past events it does not handle). */
  readNow(): void {
    this.subscription?.readNow();
  }

  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    await Promise.all([subscription?.stop(), this.abandoned]);
  }

  private subscribe(from: GlobalCheckpoint): void {
    this.position = from;
    this.delivered = from;
    this.known = from;
    this.skipped = 0;
    this.knownAt = Date.now();
    this.failure = null;
    const subscription = this.eventStore.subscribeToAll((events, through) => this.handle(events, through, subscription), {
      from,
      batchSize: this.options.batchSize,
      eventTypes: this.projection.handles,
      onError: (error) => this.fail(error, subscription),
    });
    this.subscription = subscription;
    void subscription.caughtUp.then(
      () => this.subscription === subscription && this.settleCaughtUp.resolve(),
      () => undefined,
    );
  }

  /** `events` are all of types the projection handles; `checkpoint` is how far the log has been seen. */
  private async handle(events: RecordedEvent[], checkpoint: GlobalCheckpoint, subscription: Subscription): Promise<void> {
    // A batch of a subscription already stopped (failed or being rebuilt) is left for the next one.
    if (this.subscription !== subscription || this.failure) return;
    const work = events.length > 0;
    const gone = checkpoint.globalPosition > this.delivered.globalPosition ? Number(checkpoint.globalPosition - this.delivered.globalPosition) : 0;
    if (!work && !this.saveDue(gone)) {
      this.skipped += gone;
      this.delivered = checkpoint;
      if (compareCheckpoints(this.position, checkpoint) < 0) this.position = checkpoint;
      this.options.onBatch?.(this.projection.name, events.length);
      this.onProgress();
      return;
    }
    const known = this.known;
    const maxAttempts = this.options.maxAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        const stored = await this.documentStore.transaction(async (session) => {
          const current = await lockCheckpoint(session, this.projection.name);
          // Another instance has applied the batch already, or the checkpoint was reset behind it (a rebuild elsewhere).
          if (compareCheckpoints(current, checkpoint) >= 0 || compareCheckpoints(current, known) < 0) return current;
          const toApply = events.filter((event) => compareCheckpoints(checkpointOf(event), current) > 0);
          if (toApply.length > 0) await this.projection.apply(toApply, session);
          await session.saveCheckpoint(this.projection.name, checkpoint);
          return checkpoint;
        }, { redoable: true });
        if (compareCheckpoints(stored, known) < 0) return this.resubscribe(stored, subscription);
        this.delivered = checkpoint;
        this.known = stored;
        this.skipped = 0;
        this.knownAt = Date.now();
        // Another instance may have stored a checkpoint behind this batch: what lies between holds no event to apply.
        this.position = compareCheckpoints(stored, checkpoint) >= 0 ? stored : checkpoint;
        this.options.onBatch?.(this.projection.name, events.length);
        this.onProgress();
        return;
      } catch (error) {
        if (attempt >= maxAttempts || this.subscription !== subscription) return this.fail(error, subscription);
        await sleep((this.options.retryDelayMs ?? 100) * 2 ** (attempt - 1));
        if (this.subscription !== subscription) return;
      }
    }
  }

  /** A batch without work saves the checkpoint only after many skipped events or a while since the last save. */
  private saveDue(events: number): boolean {
    return (
      this.skipped + events >= (this.options.skippedEventsPerSave ?? SKIPPED_EVENTS_PER_SAVE) ||
      Date.now() - this.knownAt >= (this.options.skippedSaveIntervalMs ?? SKIPPED_SAVE_INTERVAL_MS)
    );
  }

  /** Gives up `subscription` from inside its handler (stop() waits for the batch in flight, which may be the caller). */
  private abandon(subscription: Subscription): void {
    this.subscription = null;
    this.abandoned = Promise.all([this.abandoned, subscription.stop().catch(() => undefined)]);
  }

  /** The stored checkpoint is behind what this subscription delivered: read the log again from there. */
  private resubscribe(from: GlobalCheckpoint, subscription: Subscription): void {
    this.abandon(subscription);
    this.subscribe(from);
  }

  private fail(error: unknown, subscription: Subscription): void {
    if (this.subscription !== subscription) return;
    this.failure = new ProjectionFailedError(this.projection.name, error);
    this.settleCaughtUp.reject(this.failure);
    this.abandon(subscription);
    this.options.onError?.(this.projection.name, error);
    this.onProgress();
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
  private readonly waiters = new Set<Waiter>();
  private stopped = false;

  constructor(
    projections: readonly Projection[],
    private readonly eventStore: EventStore,
    private readonly documentStore: DocumentStore,
    options: ProjectionRunnerOptions,
  ) {
    this.workers = projections.map((projection) => new ProjectionWorker(projection, eventStore, documentStore, options, () => this.settleWaiters()));
  }

  async start(): Promise<void> {
    const checkpoints = await Promise.all(this.workers.map((worker) => this.startingCheckpoint(worker.projection)));
    this.workers.forEach((worker, index) => worker.start(checkpoints[index] as GlobalCheckpoint));
  }

  /**
   * The stored checkpoint. A projection that has never run on this store (a new one, or a new name for changed
   * logic) starts as a rebuild does: its collections may hold what an older version wrote, which it must not skip.
   */
  private async startingCheckpoint(projection: Projection): Promise<GlobalCheckpoint> {
    const stored = await this.documentStore.getCheckpoint(projection.name);
    if (stored) return stored;
    return this.documentStore.transaction(async (session) => {
      await lockCheckpoint(session, projection.name);
      // Another instance may have started it meanwhile.
      const locked = await session.getCheckpoint(projection.name);
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
      for (const worker of workers) if (compareCheckpoints(worker.position, checkpoint) < 0) worker.readNow();
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
    if (worker.failure) {
      await worker.stop();
      worker.start((await this.documentStore.getCheckpoint(projectionName)) ?? START_OF_LOG);
    }
    await worker.caughtUp;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.workers.map((worker) => worker.stop()));
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
