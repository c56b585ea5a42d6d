import type { RunMode } from '@elk/service-kit';
import type { SmsChannel } from './sms-sender.port';

export interface SmsChannelInputs {
  mode: RunMode;
  twilioConfigured: boolean;
  /** ELK_DEV_OUTBOX=1 */
  devOutboxRequested: boolean;
}

/**
 * Where SMS go. Twilio wins whenever it is configured: real phones must never be shadowed by an outbox
 * that shows codes to whoever can read the logs. Without Twilio, embedded mode always has the dev outbox;
 * distributed mode only when asked, and otherwise has no channel (sending fails loudly).
 */
export function selectSmsChannel({ mode, twilioConfigured, devOutboxRequested }: SmsChannelInputs): SmsChannel {
  if (twilioConfigured) return 'twilio';
  if (mode === 'embedded' || devOutboxRequested) return 'dev-outbox';
  return 'unavailable';
}
