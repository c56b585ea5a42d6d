/**
 * The sales-journal service in distributed mode: its own process on NATS and PostgreSQL.
 * Run by scripts/run/service.cjs (`node scripts/run/service.cjs sales-journal`); embedded mode imports SalesJournalModule instead.
 */
import { runService } from '@elk/service-kit';
import { loadSalesJournalConfig } from './sales-journal.config';
import { SalesJournalModule } from './sales-journal.module';

void runService(() => {
  const config = loadSalesJournalConfig();
  return {
    name: 'sales-journal',
    databaseUrl: config.databaseUrl,
    natsUrl: config.natsUrl,
    imports: [SalesJournalModule.forRoot()],
  };
});
