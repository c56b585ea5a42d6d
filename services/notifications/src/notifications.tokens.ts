/** The SmsChannel this process uses (see selectSmsChannel). */
export const SMS_CHANNEL = Symbol('SMS_CHANNEL');
/** The DevOutboxSender, or null when the dev outbox is off. */
export const DEV_OUTBOX = Symbol('DEV_OUTBOX');
export { SMS_SENDER } from './send-sms/sms-sender.port';
