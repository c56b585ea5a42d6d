import { Injectable } from '@nestjs/common';
import { ServiceProjections } from '@elk/service-kit';
import { saleListProjection } from './sales/queries/sale-list.projection';
import { transactionListProjection } from './sales/queries/transaction-list.projection';

/** The read models of the sales journal; the replay script rebuilds them by name. */
export const salesJournalProjections = [saleListProjection, transactionListProjection];

/** Runs the service's projections for as long as the application lives. */
@Injectable()
export class SalesJournalProjections extends ServiceProjections {
  protected readonly projections = salesJournalProjections;
}
