/**
 * The catalog service in distributed mode: its own process on NATS and PostgreSQL.
 * Run by scripts/run/service.cjs (`node scripts/run/service.cjs catalog`); embedded mode imports
 * CatalogModule instead.
 */
import { runService } from '@elk/service-kit';
import { loadCatalogConfig } from './catalog.config';
import { CatalogModule } from './catalog.module';

void runService(() => {
  const config = loadCatalogConfig();
  return {
    name: 'catalog',
    databaseUrl: config.databaseUrl,
    natsUrl: config.natsUrl,
    imports: [CatalogModule.forRoot()],
  };
});
