import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, LOGGER, RUN_MODE, type Logger, type RunMode } from '@elk/service-kit';
import { Module, type DynamicModule } from '@nestjs/common';
import { DevOutboxSender } from './dev-outbox/dev-outbox.sender';
import type { NotificationsConfig } from './notifications.config';
import { DEV_OUTBOX, SMS_CHANNEL, SMS_SENDER } from './notifications.tokens';
import { selectSmsChannel } from './send-sms/sms-channel.selection';
import type { SmsChannel, SmsSender } from './send-sms/sms-sender.port';
import { UnavailableSmsSender } from './send-sms/unavailable-sms.sender';
import { ListDevSmsHandler } from './dev-outbox/list-dev-sms.handler';
import { SendSmsHandler } from './send-sms/send-sms.handler';

/**
 * The notifications service: SMS through Twilio, the dev outbox or nowhere (see selectSmsChannel), served
 * on the bus. Needs InfrastructureModule (MESSAGE_BUS, DOCUMENT_STORE, LOGGER, RUN_MODE) in the application.
 */
@Module({})
export class NotificationsModule {
  static forRoot(config: NotificationsConfig): DynamicModule {
    return {
      module: NotificationsModule,
      providers: [
        {
          provide: SMS_CHANNEL,
          inject: [RUN_MODE, LOGGER],
          useFactory: (mode: RunMode, logger: Logger): SmsChannel => {
            const channel = selectSmsChannel({ mode, twilioConfigured: config.twilio !== null, devOutboxRequested: config.devOutbox });
            if (channel === 'unavailable') {
              logger.warn({ module: 'notifications', smsChannel: channel }, 'No SMS channel: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM, or ELK_DEV_OUTBOX=1 for development');
            } else {
              logger.info({ module: 'notifications', smsChannel: channel }, `SMS go through ${channel}`);
            }
            return channel;
          },
        },
        {
          provide: DEV_OUTBOX,
          inject: [SMS_CHANNEL, DOCUMENT_STORE, LOGGER],
          useFactory: (channel: SmsChannel, store: DocumentStore, logger: Logger): Promise<DevOutboxSender> | null =>
            channel === 'dev-outbox' ? new DevOutboxSender(store, logger.child({ module: 'notifications' })).init() : null,
        },
        {
          provide: SMS_SENDER,
          inject: [SMS_CHANNEL, DEV_OUTBOX],
          useFactory: async (channel: SmsChannel, outbox: DevOutboxSender | null): Promise<SmsSender> => {
            // The Twilio SDK (and axios under it) loads only where SMS go through Twilio.
            if (channel === 'twilio' && config.twilio) return new (await import('./send-sms/twilio-sms.sender')).TwilioSmsSender(config.twilio);
            return outbox ?? new UnavailableSmsSender();
          },
        },
      ],
      controllers: [SendSmsHandler, ListDevSmsHandler],
      exports: [SMS_CHANNEL, SMS_SENDER, DEV_OUTBOX],
    };
  }
}
