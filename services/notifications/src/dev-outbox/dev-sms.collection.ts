import type { DevSms } from '@elk/contracts';
import { defineCollection } from '@elk/documents';

/**
 * One document per SMS. `order` is the wall-clock time in microseconds when it was kept: SMS sent in the
 * same millisecond (by one instance or several) still list newest first, so «the last code» is the last.
 */
export type DevSmsDocument = DevSms & { order: number };

/** The dev outbox: newest first by `order`, optionally for one number. */
export const devSmsCollection = defineCollection<DevSmsDocument>('notifications.dev-sms.v2', {
  indexes: [{ fields: ['order'] }, { fields: ['to', 'order'] }],
});
