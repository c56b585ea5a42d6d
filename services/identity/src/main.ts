/**
 * The identity service in distributed mode: its own process on NATS, PostgreSQL and Redis (sessions).
 * Run by scripts/run/service.cjs (`node scripts/run/service.cjs identity`); embedded mode imports
 * IdentityModule instead.
 */
import { runService } from '@elk/service-kit';
import { loadIdentityConfig } from './identity.config';
import { IdentityModule } from './identity.module';

void runService(() => {
  const config = loadIdentityConfig();
  return {
    name: 'identity',
    databaseUrl: config.databaseUrl,
    natsUrl: config.natsUrl,
    imports: [IdentityModule.forRoot({ jwtSecret: config.jwtSecret, redisUrl: config.redisUrl })],
  };
});
