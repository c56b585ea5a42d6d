import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { CustomStrategy } from '@nestjs/microservices';
import { natsNamespaceFromEnv, requestTimeoutFromEnv } from '@elk/messaging';
import { startTelemetry } from '@elk/telemetry';
import { BusTransport, listenOnBus } from './bus-transport';
import { ConfigError } from './config';
import { createInfrastructure, type OwnedInfrastructure } from './infrastructure.factory';
import { InfrastructureModule } from './infrastructure.module';
import { createLogger, type Logger } from './logger';

export interface RunServiceOptions {
  /** e.g. `identity`: the logger's and the NATS connection's name, `elk-<name>` in traces. */
  name: string;
  databaseUrl: string;
  natsUrl: string;
  /** The service's own modules, given the infrastructure through InfrastructureModule. */
  imports: DynamicModule[];
}

/**
 * Runs one bus service in distributed mode as its own process: logger, tracing, PostgreSQL and NATS,
 * a Nest microservice on the bus transport, and a graceful stop on SIGTERM/SIGINT (stop serving, finishing the
 * requests taken, then the modules, then the connections). A bad environment fails at startup with every problem listed.
 */
export async function runService(load: () => RunServiceOptions): Promise<void> {
  let options: RunServiceOptions;
  try {
    options = load();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  const logger = createLogger(options.name);
  const telemetry = startTelemetry({ serviceName: `elk-${options.name}` });
  let infrastructure: OwnedInfrastructure;
  try {
    infrastructure = await createInfrastructure({
      mode: 'distributed',
      serviceName: options.name,
      databaseUrl: options.databaseUrl,
      natsUrl: options.natsUrl,
      natsNamespace: natsNamespaceFromEnv(),
      requestTimeoutMs: requestTimeoutFromEnv(),
      logger,
    });
  } catch (error) {
    logger.fatal({ errorMessage: (error as Error).message }, `${options.name} cannot reach its infrastructure`);
    process.exit(1);
  }
  const app = await NestFactory.createMicroservice<CustomStrategy>(
    { module: class ServiceRoot {}, imports: [InfrastructureModule.forRoot(infrastructure), ...options.imports] },
    { strategy: new BusTransport(infrastructure.bus), logger: ['error', 'warn'] },
  );
  await listenOnBus(app);
  stopOnSignals(logger, options.name, async () => {
    await app.close();
    await infrastructure.close();
    await telemetry.shutdown();
  });
  logger.info({ nats: options.natsUrl }, `${options.name} service started`);
}

/** Runs `stop` once on SIGTERM or SIGINT, then exits (1 if stopping failed). */
export function stopOnSignals(logger: Logger, name: string, stop: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, `${name} service stopping`);
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ errorMessage: error instanceof Error ? error.message : String(error) }, `${name} did not stop cleanly`);
          process.exit(1);
        },
      );
    });
  }
}
