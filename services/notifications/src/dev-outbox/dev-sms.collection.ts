import type { DevSms } from '@elk/contracts';
import { defineCollection } from '@elk/documents';

/** The dev outbox: one document per SMS, newest first by `sentAt`, optionally for one number. */
export const devSmsCollection = defineCollection<DevSms>('notifications.dev-sms.v1', {
  indexes: [{ fields: ['sentAt'] }, { fields: ['to', 'sentAt'] }],
});
