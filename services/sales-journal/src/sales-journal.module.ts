import { Module, type DynamicModule } from '@nestjs/common';
import { CLOCK, systemClock, type Clock } from '@elk/service-kit';
import { SalesJournalProjections } from './sales-journal.projections';
import { PushCache, type PushCacheSizes } from './sales/commands/push-cache';
import { PushSaleEventsHandler } from './sales/commands/push-sale-events.handler';
import { GetSaleExportPageHandler } from './sales/queries/get-sale-export-page.handler';
import { GetSaleListHandler } from './sales/queries/get-sale-list.handler';
import { GetSaleHandler } from './sales/queries/get-sale.handler';
import { GetTransactionExportPageHandler } from './sales/queries/get-transaction-export-page.handler';
import { GetTransactionListHandler } from './sales/queries/get-transaction-list.handler';
import { GetTransactionHandler } from './sales/queries/get-transaction.handler';

export interface SalesJournalModuleOptions {
  /** Where the time comes from; tests move it forward. */
  clock?: Clock;
  /** How many sales and registers the push handler keeps in memory (default 10,000 each). */
  pushCache?: Partial<PushCacheSizes>;
}

/**
 * The sales terminals push (one stream per sale, a register and a tamper-evident chain per workplace) and the
 * journals read from them (Журналы → Продажи, Транзакции), served on the bus.
 * Needs InfrastructureModule from the composition root; the gateway authenticates the terminal and its cashier.
 */
@Module({})
export class SalesJournalModule {
  static forRoot(options: SalesJournalModuleOptions = {}): DynamicModule {
    return {
      module: SalesJournalModule,
      providers: [{ provide: CLOCK, useValue: options.clock ?? systemClock }, { provide: PushCache, useValue: new PushCache(options.pushCache) }, SalesJournalProjections],
      controllers: [PushSaleEventsHandler, GetSaleListHandler, GetSaleExportPageHandler, GetSaleHandler, GetTransactionListHandler, GetTransactionExportPageHandler, GetTransactionHandler],
    };
  }
}
