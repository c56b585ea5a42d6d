import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PostgresDocumentStore } from '@elk/documents';
import { createEventStore } from '@elk/eventstore';
import { createMessageBus } from '@elk/messaging';
import { InfrastructureModule, createLogger } from '@elk/service-kit';
import { startTelemetry } from '@elk/telemetry';
import { Pool } from 'pg';
import { loadOrganisationConfig } from './organisation.config';
import { OrganisationModule } from './organisation.module';

@Module({})
class OrganisationApp {}

/** The organisation service in distributed mode: its own process over NATS and PostgreSQL. */
async function main(): Promise<void> {
  const config = loadOrganisationConfig();
  const logger = createLogger('organisation');
  const telemetry = startTelemetry({ serviceName: 'elk-organisation' });
  const pool = new Pool({ connectionString: config.databaseUrl });
  const eventStore = await createEventStore({ kind: 'postgres', connection: pool, schema: 'organisation_events' });
  const documentStore = new PostgresDocumentStore({ pool, schema: 'organisation_documents' });
  const bus = await createMessageBus({ kind: 'nats', url: config.natsUrl, name: 'organisation' });

  const app = await NestFactory.createApplicationContext(
    {
      module: OrganisationApp,
      imports: [
        InfrastructureModule.forRoot({ mode: 'distributed', eventStore, documentStore, bus, logger }),
        OrganisationModule.forRoot(),
      ],
    },
    { logger: ['error', 'warn'] },
  );
  logger.info('organisation started');

  const stop = async (signal: string) => {
    logger.info({ signal }, 'organisation stopping');
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
