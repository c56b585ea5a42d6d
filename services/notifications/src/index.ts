export type { DevOutboxSender } from './dev-outbox/dev-outbox.sender';
export { loadNotificationsConfig, NotificationsEnv, type NotificationsConfig, type TwilioSettings } from './notifications.config';
export { NotificationsModule } from './notifications.module';
export { DEV_OUTBOX, SMS_CHANNEL, SMS_SENDER } from './notifications.tokens';
export type { OutgoingSms, SentSms, SmsChannel, SmsSender } from './send-sms/sms-sender.port';
export { NOTIFICATIONS_QUEUE } from './notifications.queue';
