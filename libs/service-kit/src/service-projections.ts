import { Inject, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { startProjections, type DocumentStore, type Projection, type ProjectionRunner } from '@elk/documents';
import { checkpointOf, type EventStore } from '@elk/eventstore';
import { requestTimeoutFromEnv } from '@elk/messaging';
import { DOCUMENT_STORE, EVENT_STORE, LOGGER } from './infrastructure.module';
import type { Logger } from './logger';

/**
 * Runs a service's projections for as long as the application lives. A service subclasses it (as an
 * @Injectable) naming its projections; its command handlers wait on it for read-your-writes.
 */
export abstract class ServiceProjections implements OnModuleInit, OnApplicationShutdown {
  protected abstract readonly projections: readonly Projection[];
  private runner?: ProjectionRunner;
  /** As long as the request that waits may take (ELK_REQUEST_TIMEOUT_MS); the runner's 5 s when unset. */
  private readonly waitTimeoutMs = requestTimeoutFromEnv();

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documentStore: DocumentStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    this.runner = await startProjections(this.eventStore, this.documentStore, this.projections, {
      onError: (projection, error) => this.logger.error({ err: error, projection }, 'projection stopped'),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
  }

  /** Resolves once the read models have applied the stream up to `version` (read-your-writes). */
  async waitForStream(streamId: string, version: number): Promise<void> {
    const { events } = await this.eventStore.readStream(streamId, { fromVersion: version - 1, maxCount: 1 });
    const last = events[0];
    if (last && this.runner) await this.runner.waitFor(checkpointOf(last), { timeoutMs: this.waitTimeoutMs });
  }
}
