/**
 * The notifications service in distributed mode: its own process on NATS and PostgreSQL.
 * Run by scripts/run/service.cjs (`node scripts/run/service.cjs notifications`); embedded mode imports
 * NotificationsModule instead.
 */
import { PostgresDocumentStore } from '@elk/documents';
import { PostgresEventStore } from '@elk/eventstore';
import { NatsMessageBus } from '@elk/messaging';
import { ConfigError, createLogger, InfrastructureModule } from '@elk/service-kit';
import { startTelemetry } from '@elk/telemetry';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';
import { loadNotificationsConfig } from './notifications.config';
import { NotificationsModule } from './notifications.module';

const SERVICE = 'notifications';

async function main(): Promise<void> {
  const config = loadNotificationsConfig();
  const logger = createLogger(SERVICE);
  const telemetry = startTelemetry({ serviceName: `elk-${SERVICE}` });
  const pool = new Pool({ connectionString: config.databaseUrl, max: 5 });
  // An idle client that loses its connection is dropped by the pool; the next query opens another.
  pool.on('error', (error) => logger.warn({ errorMessage: error.message }, 'PostgreSQL connection lost'));
  const bus = await NatsMessageBus.connect({ url: config.natsUrl, name: SERVICE });
  const infrastructure = {
    mode: 'distributed' as const,
    bus,
    documentStore: new PostgresDocumentStore({ pool, schema: SERVICE }),
    // Notifications keeps no events; the store is never used, so its schema is never created.
    eventStore: new PostgresEventStore({ connection: pool }),
    logger,
  };

  const app = await NestFactory.createApplicationContext(
    { module: class NotificationsApp {}, imports: [InfrastructureModule.forRoot(infrastructure), NotificationsModule.forRoot(config)] },
    { logger: ['error', 'warn'] },
  );
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'notifications service stopping');
    // Stop serving first, so no request is taken while the connections go away.
    await app.close();
    await bus.close();
    await infrastructure.eventStore.close();
    await pool.end();
    await telemetry.shutdown();
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, (received) =>
      stop(received).catch((error: unknown) => {
        logger.error({ errorMessage: error instanceof Error ? error.message : String(error) }, 'notifications service did not stop cleanly');
        process.exit(1);
      }),
    );
  }
  // Only now: whoever waits for this line may send SIGTERM right away.
  logger.info({ nats: config.natsUrl }, 'notifications service started');
}

main().catch((error: unknown) => {
  // A ConfigError lists every bad variable; anything else is unexpected and shown whole.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
