import { join, resolve } from 'node:path';
import { NatsMessageBus, natsNamespaceFromEnv, requestTimeoutFromEnv } from '@elk/messaging';
import { createLogger, stopOnSignals } from '@elk/service-kit';
import { startTelemetry } from '@elk/telemetry';
import Redis from 'ioredis';
import { createGatewayApp } from './gateway.app';
import { loadGatewayConfig } from './gateway.config';
import { GatewayInfrastructureModule } from './gateway-infrastructure.module';
import { warnWhenDevOutboxIsExposed } from './http/listen-address';

/** The gateway in distributed mode: `node scripts/run/service.cjs gateway`. */
async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const telemetry = startTelemetry({ serviceName: 'elk-gateway' });
  const logger = createLogger('gateway');
  const requestTimeoutMs = requestTimeoutFromEnv();
  const bus = await NatsMessageBus.connect({ url: config.natsUrl, name: 'elk-gateway', namespace: natsNamespaceFromEnv(), requestTimeoutMs });
  const redis = config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: true }) : undefined;
  await redis?.connect();
  if (!redis) logger.warn('REDIS_URL is not set: rate limits and idempotency keys are kept per instance');

  const app = await createGatewayApp({
    infrastructure: GatewayInfrastructureModule.forRoot({ bus, logger }),
    jwtSecret: config.jwtSecret,
    webDist: resolve(config.webDist ?? join(__dirname, '../../web/dist')),
    devOutbox: config.devOutbox,
    redis,
    throttle: config.throttle,
    trustProxy: config.trustProxy,
    cabinetUrl: config.cabinetUrl ?? undefined,
    busTimeoutMs: requestTimeoutMs,
  });
  warnWhenDevOutboxIsExposed(logger, config.host, config.devOutbox);
  await app.listen(config.port, config.host);
  logger.info({ host: config.host, port: config.port }, 'gateway listening');

  stopOnSignals(logger, 'gateway', async () => {
    // The server stops taking connections and finishes the requests it has before the bus goes.
    await app.close();
    await bus.close();
    await redis?.quit();
    await telemetry.shutdown();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
