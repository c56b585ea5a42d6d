import { DevSmsList } from '@elk/contracts';
import { z } from 'zod';
import { named, route } from '../routes/route';

export const DevSmsQuery = z.strictObject({
  to: z.string().max(32).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(200).optional(),
});

/** The developer's SMS outbox: served by DevSmsHttpController. */
export const DevSmsRoutes = {
  list: route({
    method: 'get',
    path: '/api/v1/dev/sms',
    access: 'public',
    query: DevSmsQuery,
    response: { status: 200, description: 'SMS, новые первыми', schema: named('DevSmsList', DevSmsList) },
    problems: [404],
    tag: 'dev',
    summary: 'Отправленные SMS (dev outbox)',
    description: 'Открыт без токена: это инструмент разработчика, он есть только во встроенном режиме или с ELK_DEV_OUTBOX=1.',
  }),
};
