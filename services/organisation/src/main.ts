/**
 * The organisation service in distributed mode: its own process on NATS and PostgreSQL.
 * Run by scripts/run/service.cjs (`node scripts/run/service.cjs organisation`); embedded mode imports
 * OrganisationModule instead.
 */
import { runService } from '@elk/service-kit';
import { loadOrganisationConfig } from './organisation.config';
import { OrganisationModule } from './organisation.module';

void runService(() => {
  const config = loadOrganisationConfig();
  return {
    name: 'organisation',
    databaseUrl: config.databaseUrl,
    natsUrl: config.natsUrl,
    imports: [OrganisationModule.forRoot({ secretsKey: config.secretsKey })],
  };
});
