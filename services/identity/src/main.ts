import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PostgresDocumentStore } from '@elk/documents';
import { createEventStore } from '@elk/eventstore';
import { createMessageBus } from '@elk/messaging';
import { InfrastructureModule, createLogger } from '@elk/service-kit';
import { startTelemetry } from '@elk/telemetry';
import { Pool } from 'pg';
import { loadIdentityConfig } from './identity.config';
import { IdentityModule } from './identity.module';

@Module({})
class IdentityApp {}

/** The identity service in distributed mode: its own process over NATS, PostgreSQL and Redis. */
async function main(): Promise<void> {
  const config = loadIdentityConfig();
  const logger = createLogger('identity');
  const telemetry = startTelemetry({ serviceName: 'elk-identity' });
  const pool = new Pool({ connectionString: config.databaseUrl });
  const eventStore = await createEventStore({ kind: 'postgres', connection: pool, schema: 'identity_events' });
  const documentStore = new PostgresDocumentStore({ pool, schema: 'identity_documents' });
  const bus = await createMessageBus({ kind: 'nats', url: config.natsUrl, name: 'identity' });

  const app = await NestFactory.createApplicationContext(
    {
      module: IdentityApp,
      imports: [
        InfrastructureModule.forRoot({ mode: 'distributed', eventStore, documentStore, bus, logger }),
        IdentityModule.forRoot({ jwtSecret: config.jwtSecret, redisUrl: config.redisUrl }),
      ],
    },
    { logger: ['error', 'warn'] },
  );
  logger.info('identity started');

  const stop = async (signal: string) => {
    logger.info({ signal }, 'identity stopping');
    await app.close();
    await bus.close();
    await eventStore.close();
    await pool.end();
    await telemetry.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
