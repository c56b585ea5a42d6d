import { z } from 'zod';
import { named, route } from '../routes/route';

export const HealthStatus = named('HealthStatus', z.object({ status: z.enum(['ok', 'ready']) }));
export type HealthStatus = z.infer<typeof HealthStatus>;

const common = { method: 'get', access: 'public', tag: 'service' } as const;

/** Liveness and readiness: served by HealthHttpController. */
export const HealthRoutes = {
  /** Liveness: the process answers. */
  health: route({ ...common, path: '/api/health', response: { status: 200, description: 'Жив', schema: HealthStatus }, problems: 'none', summary: 'Процесс жив' }),
  /** Readiness: the bus carries requests. */
  ready: route({ ...common, path: '/api/ready', response: { status: 200, description: 'Готов', schema: HealthStatus }, summary: 'Готов принимать запросы: шина сообщений доступна' }),
};
