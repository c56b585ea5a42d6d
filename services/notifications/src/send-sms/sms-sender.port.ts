/** One SMS to send. `to` is E.164 (+79123456789); `text` may hold a code and is never logged. */
export interface OutgoingSms {
  to: string;
  text: string;
}

export interface SentSms {
  /** Id given by the provider (Twilio's message SID, the dev outbox's entry id). */
  providerMessageId: string;
}

/** The port every SMS goes out through. Adapters: Twilio, the dev outbox, and "no channel". */
export interface SmsSender {
  /** Which adapter this is, for logs and health. */
  readonly channel: SmsChannel;
  send(sms: OutgoingSms): Promise<SentSms>;
}

export type SmsChannel = 'twilio' | 'dev-outbox' | 'unavailable';

export const SMS_SENDER = Symbol('SMS_SENDER');
