import { type DynamicModule, Module } from '@nestjs/common';
import { AccessTokenVerifier } from './auth/access-token.verifier';
import { AuthHttpController } from './auth/auth.http-controller';
import { TerminalAuthCache } from './terminals/terminal-auth-cache';
import { TerminalHttpController } from './terminals/terminal.http-controller';
import { SessionGuard } from './auth/session.guard';
import { ServiceBus } from './bus/service-bus';
import { ProductFilesHttpController } from './catalog/product-files.http-controller';
import { JournalFilesHttpController } from './journals/journal-files.http-controller';
import { ProductImportProgress } from './catalog/product-import-progress';
import { DevSmsHttpController } from './dev/dev-sms.http-controller';
import { EmployeesHttpController } from './employees/employees.http-controller';
import { GATEWAY_OPTIONS, type GatewayOptions } from './gateway.options';
import { HealthHttpController } from './health/health.http-controller';
import { ReadinessProbe } from './health/readiness.probe';
import { Idempotency } from './idempotency/idempotency.service';
import { EXPIRING_RECORDS, MemoryExpiringRecordStore } from './records/expiring-record.store';
import { RedisExpiringRecordStore } from './records/redis-expiring-record.store';
import { MeHttpController } from './me/me.http-controller';
import { OpenApiHttpController } from './openapi/openapi.http-controller';
import { forwardingController } from './routes/forwarding.http-controller';
import { API_ROUTES } from './routes/route-table';
import { AttemptThrottle } from './throttle/attempt-throttle';
import { TakenLoginInterceptor } from './throttle/taken-login.interceptor';

/**
 * The cabinet HTTP API: validation at the edge, sessions, rate limits, idempotency, and requests to the
 * services over the bus. Build the HTTP application with `createGatewayApp`, which also sets up problem
 * responses, tracing, request logs and the web cabinet.
 */
@Module({})
export class GatewayModule {
  static forRoot(options: GatewayOptions): DynamicModule {
    return {
      module: GatewayModule,
      imports: [options.infrastructure],
      controllers: [
        AuthHttpController,
        TerminalHttpController,
        MeHttpController,
        EmployeesHttpController,
        // Every declared route that only asks a service.
        forwardingController(API_ROUTES.filter((declaration) => declaration.forward)),
        ProductFilesHttpController,
        JournalFilesHttpController,
        DevSmsHttpController,
        HealthHttpController,
        OpenApiHttpController,
      ],
      providers: [
        { provide: GATEWAY_OPTIONS, useValue: options },
        { provide: EXPIRING_RECORDS, useFactory: () => (options.redis ? new RedisExpiringRecordStore(options.redis) : new MemoryExpiringRecordStore()) },
        AccessTokenVerifier,
        AttemptThrottle,
        Idempotency,
        ProductImportProgress,
        ReadinessProbe,
        ServiceBus,
        SessionGuard,
        TerminalAuthCache,
        // Applied by @Route to every route but the terminals'.
        TakenLoginInterceptor,
      ],
      // For modules that add routes behind @Authenticated() next to these.
      exports: [AccessTokenVerifier, ServiceBus, SessionGuard],
    };
  }
}
