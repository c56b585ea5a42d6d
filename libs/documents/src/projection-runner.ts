/**
 * Runs projections: each one subscribes to the global log from its own stored checkpoint, and each batch is
 * applied in one documents transaction that also saves the checkpoint of the batch's last event. A crash
 * therefore loses or keeps a whole batch together with its checkpoint, and no batch is applied twice.
 */
import { START_OF_LOG, checkpointOf, type EventStore, type GlobalCheckpoint, type RecordedEvent, type Subscription } from '@elk/eventstore';
import { compareCheckpoints, type DocumentStore } from './document-store';
import type { Projection } from './projection';

export interface ProjectionRunnerOptions {
  /** Events per batch asked of the event store. */
  batchSize?: number;
  /** Tries per batch before the projection stops (a database blip should not stop it). Default 3. */
  maxAttempts?: number;
  /** Wait before the first retry, doubled for each next one. Default 100 ms. */
  retryDelayMs?: number;
  /** A projection stopped on an error; it stays stopped until `rebuild` or a restart. */
  onError?: (projectionName: string, error: unknown) => void;
}

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
  /** Empties the projection's collections and checkpoint, then replays the log; resolves once caught up. */
  rebuild(projectionName: string): Promise<void>;
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

/** One projection's subscription and where it stands. */
class ProjectionWorker {
  position: GlobalCheckpoint = START_OF_LOG;
  failure: ProjectionFailedError | null = null;
  caughtUp: Promise<void> = Promise.resolve();
  private subscription: Subscription | null = null;
  /** Stopping of a subscription that failed, for stop() to wait on. */
  private failedStopping: Promise<void> = Promise.resolve();
  private readonly handles: ReadonlySet<string>;

  constructor(
    readonly projection: Projection,
    private readonly eventStore: EventStore,
    private readonly documentStore: DocumentStore,
    private readonly options: ProjectionRunnerOptions,
    private readonly onProgress: () => void,
  ) {
    this.handles = new Set(projection.handles);
  }

  start(from: GlobalCheckpoint): void {
    this.position = from;
    this.failure = null;
    let rejectOnFailure: (error: ProjectionFailedError) => void = () => undefined;
    const failed = new Promise<never>((_, reject) => (rejectOnFailure = reject));
    const subscription = this.eventStore.subscribeToAll((events) => this.handle(events, subscription, rejectOnFailure), {
      from,
      batchSize: this.options.batchSize,
      onError: (error) => this.fail(error, subscription, rejectOnFailure),
    });
    this.subscription = subscription;
    this.caughtUp = Promise.race([subscription.caughtUp, failed]);
    // Nobody may be awaiting caughtUp when the projection fails; that must not be an unhandled rejection.
    this.caughtUp.catch(() => undefined);
  }

  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    await Promise.all([subscription?.stop(), this.failedStopping]);
  }

  private async handle(events: RecordedEvent[], subscription: Subscription, rejectOnFailure: (error: ProjectionFailedError) => void): Promise<void> {
    const last = events.at(-1);
    // A batch of a subscription already stopped (failed or being rebuilt) is left for the next one.
    if (!last || this.subscription !== subscription || this.failure) return;
    const relevant = events.filter((event) => this.handles.has(event.type));
    const checkpoint = checkpointOf(last);
    const maxAttempts = this.options.maxAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.documentStore.transaction(async (session) => {
          for (const event of relevant) await this.projection.apply(event, session);
          await session.saveCheckpoint(this.projection.name, checkpoint);
        });
        this.position = checkpoint;
        this.onProgress();
        return;
      } catch (error) {
        if (attempt >= maxAttempts || this.subscription !== subscription) return this.fail(error, subscription, rejectOnFailure);
        await sleep((this.options.retryDelayMs ?? 100) * 2 ** (attempt - 1));
        if (this.subscription !== subscription) return;
      }
    }
  }

  private fail(error: unknown, subscription: Subscription, rejectOnFailure: (error: ProjectionFailedError) => void): void {
    if (this.subscription !== subscription) return;
    this.failure = new ProjectionFailedError(this.projection.name, error);
    rejectOnFailure(this.failure);
    // Not awaited: stop() waits for the batch in flight, which may be the one calling us.
    this.subscription = null;
    this.failedStopping = subscription.stop().catch(() => undefined);
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
    eventStore: EventStore,
    private readonly documentStore: DocumentStore,
    options: ProjectionRunnerOptions,
  ) {
    this.workers = projections.map((projection) => new ProjectionWorker(projection, eventStore, documentStore, options, () => this.settleWaiters()));
  }

  async start(): Promise<void> {
    const checkpoints = await Promise.all(this.workers.map((worker) => this.documentStore.getCheckpoint(worker.projection.name)));
    this.workers.forEach((worker, index) => worker.start(checkpoints[index] ?? START_OF_LOG));
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
      waiter.timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const lagging = workers.filter((worker) => compareCheckpoints(worker.position, checkpoint) < 0).map((worker) => worker.projection.name);
        reject(new ProjectionWaitTimeoutError(checkpoint, lagging));
      }, options.timeoutMs ?? 5000);
    });
  }

  async rebuild(projectionName: string): Promise<void> {
    if (this.stopped) throw new ProjectionRunnerStoppedError();
    const worker = this.worker(projectionName);
    await worker.stop();
    await this.documentStore.transaction(async (session) => {
      for (const collection of worker.projection.collections) await session.collection(collection).deleteAll();
      await session.saveCheckpoint(projectionName, START_OF_LOG);
    });
    worker.start(START_OF_LOG);
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
