import { DynamicModule, Global, Module } from '@nestjs/common';
import type { DocumentStore } from '@elk/documents';
import type { EventStore } from '@elk/eventstore';
import type { MessageBus } from '@elk/messaging';
import type { Logger } from 'pino';

/** Injection tokens of the infrastructure every service is given (one set per process). */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const DOCUMENT_STORE = Symbol('DOCUMENT_STORE');
export const MESSAGE_BUS = Symbol('MESSAGE_BUS');
export const LOGGER = Symbol('LOGGER');
export const RUN_MODE = Symbol('RUN_MODE');

export type RunMode = 'embedded' | 'distributed';

export interface Infrastructure {
  mode: RunMode;
  eventStore: EventStore;
  documentStore: DocumentStore;
  bus: MessageBus;
  logger: Logger;
}

/**
 * Hands the process's infrastructure to the service modules. Created by the composition root
 * (scripts/run/*), which also owns closing it.
 */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(infrastructure: Infrastructure): DynamicModule {
    const providers = [
      { provide: EVENT_STORE, useValue: infrastructure.eventStore },
      { provide: DOCUMENT_STORE, useValue: infrastructure.documentStore },
      { provide: MESSAGE_BUS, useValue: infrastructure.bus },
      { provide: LOGGER, useValue: infrastructure.logger },
      { provide: RUN_MODE, useValue: infrastructure.mode },
    ];
    return { module: InfrastructureModule, providers, exports: providers };
  }
}
