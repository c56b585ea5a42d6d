import type { INestMicroservice } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import type { MessageBus } from '@elk/messaging';
import { BusTransport, listenOnBus, type BusTransportOptions } from '@elk/service-kit';

/** Runs a compiled service module as the services run: a Nest microservice on the bus transport, serving on `bus`. */
export function serveOnBus(module: TestingModule, bus: MessageBus, options?: BusTransportOptions): Promise<INestMicroservice> {
  return listenOnBus(module.createNestMicroservice({ strategy: new BusTransport(bus, options), logger: ['error', 'warn'] }));
}
