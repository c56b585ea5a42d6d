/**
 * ELK embedded: every service in one process on the in-process bus, PGlite under the data directory
 * (kept across restarts), the cabinet served by the gateway. `npm start` runs `main()`; the end-to-end
 * tests call `startEmbedded()` with a temporary directory and port 0.
 */
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { CatalogModule } from '@elk/catalog';
import { DevicesModule } from '@elk/devices';
import { DomainError, OrganisationSubjects, type SignUp } from '@elk/contracts';
import { createGatewayApp, registeredRoutes, warnWhenDevOutboxIsExposed, type RegisteredRoute, type ThrottleLimits } from '@elk/gateway';
import { IdentityModule } from '@elk/identity';
import { RemoteError } from '@elk/messaging';
import { loadNotificationsConfig, NotificationsModule } from '@elk/notifications';
import { loadOrganisationConfig, OrganisationModule } from '@elk/organisation';
import { SalesJournalModule } from '@elk/sales-journal';
import { BusTransport, createInfrastructure, createLogger, InfrastructureModule, listenOnBus, stopOnSignals, type Logger, type OwnedInfrastructure } from '@elk/service-kit';
import { startTelemetry } from '@elk/telemetry';
import { NestFactory } from '@nestjs/core';
import type { CustomStrategy } from '@nestjs/microservices';
import { defaultDataDir, jwtSecretIn, secretsKeyIn } from './data-dir';
import { DEMO_MERCHANT } from './demo-merchant';
import { seedDemoShop } from './demo-shop';

const ROOT = resolve(__dirname, '../..');

const DEFAULT_HOST = '127.0.0.1';

export interface EmbeddedOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Loopback unless given: the dev outbox must not be reachable from the LAN by default. */
  host?: string;
  logger?: Logger;
  /** Seed the demo merchant when the data directory is new (default true). */
  seedDemo?: boolean;
  /** Overrides of the gateway's attempt limits (tests sign many merchants up from one address). */
  throttle?: Partial<ThrottleLimits>;
  /** Called if the database's thread dies (logged already); `npm start` exits then, so that it can be started again. */
  onDatabaseLost?: (error: Error) => void;
}

export interface RunningElk {
  url: string;
  /** The routes the gateway registered (the role matrix checks them against the route declarations). */
  routes: readonly RegisteredRoute[];
  close(): Promise<void>;
}

export interface RunningServices {
  infrastructure: OwnedInfrastructure;
  jwtSecret: string;
  /** Stops the services, then closes the infrastructure. */
  close(): Promise<void>;
}

/** Every bus service (no gateway) in this process: one Nest microservice on the in-process bus, the PGlite under `dataDir`. */
export async function startEmbeddedServices(dataDir: string, logger: Logger, onDatabaseLost?: (error: Error) => void): Promise<RunningServices> {
  const infrastructure = await createInfrastructure({ mode: 'embedded', dataDir, logger, onDatabaseLost });
  const jwtSecret = process.env.JWT_SECRET ?? jwtSecretIn(dataDir);
  const secretsKey = loadOrganisationConfig({ ELK_SECRETS_KEY: process.env.ELK_SECRETS_KEY ?? secretsKeyIn(dataDir) }).secretsKey;
  const services = await NestFactory.createMicroservice<CustomStrategy>(
    {
      module: class EmbeddedServices {},
      imports: [
        InfrastructureModule.forRoot(infrastructure),
        IdentityModule.forRoot({ jwtSecret }),
        OrganisationModule.forRoot({ secretsKey }),
        CatalogModule.forRoot(),
        DevicesModule.forRoot({ secretsKey }),
        SalesJournalModule.forRoot(),
        NotificationsModule.forRoot(loadNotificationsConfig({})),
      ],
    },
    { strategy: new BusTransport(infrastructure.bus), logger: ['error', 'warn'] },
  );
  await listenOnBus(services);
  return {
    infrastructure,
    jwtSecret,
    close: async () => {
      await services.close();
      await infrastructure.close();
    },
  };
}

export async function startEmbedded(options: EmbeddedOptions): Promise<RunningElk> {
  const logger = options.logger ?? createLogger('elk');
  const telemetry = startTelemetry({ serviceName: 'elk-embedded' });
  const services = await startEmbeddedServices(options.dataDir, logger, options.onDatabaseLost);
  const { infrastructure, jwtSecret } = services;
  const gateway = await createGatewayApp({
    infrastructure: InfrastructureModule.forRoot(infrastructure),
    jwtSecret,
    webDist: join(ROOT, 'services/web/dist'),
    devOutbox: true,
    throttle: options.throttle,
  });
  const demoOwner = (options.seedDemo ?? true) ? await seedDemoMerchant(infrastructure.bus, logger) : null;
  const host = options.host ?? DEFAULT_HOST;
  warnWhenDevOutboxIsExposed(logger, host, true);
  await gateway.listen(options.port, host);
  const address = gateway.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://localhost:${port}`;
  // The shop goes through the gateway as the Owner and terminals would: only once it listens. Its week of sales
  // follows in the background (stopping ELK meanwhile only logs that the rest was not pushed).
  if (demoOwner) {
    const started = performance.now();
    const shop = await seedDemoShop(url, { accountId: demoOwner, phone: DEMO_MERCHANT.phone, password: DEMO_MERCHANT.password });
    logger.info({ workplaces: shop.tills.length, ms: Math.round(performance.now() - started) }, 'demo workplaces activated by simulated terminals');
    void shop.sales.then(
      (pushed) => logger.info({ ...pushed, ms: Math.round(performance.now() - started) }, 'demo week of sales pushed by the simulated terminals'),
      (error: unknown) => logger.error({ err: error }, 'demo sales could not be pushed'),
    );
  }

  return {
    url,
    routes: registeredRoutes(gateway),
    close: async () => {
      await gateway.close();
      await services.close();
      await telemetry.shutdown();
    },
  };
}

/** Signs the demo merchant up through the organisation service, once: a taken phone means it is there (null). */
async function seedDemoMerchant(bus: import('@elk/messaging').MessageBus, logger: Logger): Promise<string | null> {
  const command: SignUp = { organisationId: randomUUID(), accountId: randomUUID(), ...DEMO_MERCHANT };
  try {
    await bus.request(OrganisationSubjects.SignUp, command, { timeoutMs: 30_000 });
    logger.info({ organisationId: command.organisationId }, 'demo merchant created');
    return command.accountId;
  } catch (error) {
    const code = error instanceof RemoteError || error instanceof DomainError ? error.code : undefined;
    if (code !== 'PHONE_TAKEN' && code !== 'EMAIL_TAKEN') throw error;
    return null;
  }
}

export async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const dataDir = defaultDataDir();
  const logger = createLogger('elk');
  const elk = await startEmbedded({ dataDir, port, host: process.env.HOST || undefined, logger, onDatabaseLost: () => process.exit(1) });
  stopOnSignals(logger, 'elk', () => elk.close());
  console.log(
    [
      '',
      `ELK запущен: ${elk.url}`,
      `Демо-вход: телефон ${DEMO_MERCHANT.phone} или email ${DEMO_MERCHANT.email}, пароль ${DEMO_MERCHANT.password}`,
      `SMS (коды восстановления, PIN) — в журнале и на ${elk.url}/api/v1/dev/sms`,
      `Данные: ${dataDir}`,
      '',
    ].join('\n'),
  );
}
