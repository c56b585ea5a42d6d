/**
 * The devices service in distributed mode: its own process on NATS and PostgreSQL.
 * Run by scripts/run/service.cjs (`node scripts/run/service.cjs devices`); embedded mode imports DevicesModule instead.
 */
import { runService } from '@elk/service-kit';
import { loadDevicesConfig } from './devices.config';
import { DevicesModule } from './devices.module';

void runService(() => {
  const config = loadDevicesConfig();
  return {
    name: 'devices',
    databaseUrl: config.databaseUrl,
    natsUrl: config.natsUrl,
    imports: [DevicesModule.forRoot({ secretsKey: config.secretsKey })],
  };
});
