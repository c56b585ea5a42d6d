import type { MessageBus } from '@elk/messaging';
import { LOGGER, MESSAGE_BUS, type Logger } from '@elk/service-kit';
import { type DynamicModule, Global, Module } from '@nestjs/common';

/**
 * The part of the infrastructure the stateless gateway needs, for a process that runs only the gateway
 * (distributed mode, tests). Embedded mode passes the process's InfrastructureModule instead.
 */
@Global()
@Module({})
export class GatewayInfrastructureModule {
  static forRoot(infrastructure: { bus: MessageBus; logger: Logger }): DynamicModule {
    const providers = [
      { provide: MESSAGE_BUS, useValue: infrastructure.bus },
      { provide: LOGGER, useValue: infrastructure.logger },
    ];
    return { module: GatewayInfrastructureModule, providers, exports: providers };
  }
}
