/**
 * The notifications service in distributed mode: its own process on NATS and PostgreSQL.
 * Run by scripts/run/service.cjs (`node scripts/run/service.cjs notifications`); embedded mode imports
 * NotificationsModule instead.
 */
import { runService } from '@elk/service-kit';
import { loadNotificationsConfig } from './notifications.config';
import { NotificationsModule } from './notifications.module';

void runService(() => {
  const config = loadNotificationsConfig();
  return { name: 'notifications', databaseUrl: config.databaseUrl, natsUrl: config.natsUrl, imports: [NotificationsModule.forRoot(config)] };
});
