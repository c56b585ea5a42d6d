import { z } from 'zod';
import { listPage } from '../common/list-query';

/** One SMS in the dev outbox (GET /api/v1/dev/sms). */
export const DevSms = z.object({
  id: z.string(),
  to: z.string(),
  text: z.string(),
  sentAt: z.string(),
});
export type DevSms = z.infer<typeof DevSms>;

export const DevSmsList = listPage(DevSms);
export type DevSmsList = z.infer<typeof DevSmsList>;
