import { ListDevSms, NotificationsSubjects, SendSms } from '@elk/contracts';
import type { Closeable, MessageBus } from '@elk/messaging';
import { busHandler, LOGGER, MESSAGE_BUS, serveBusHandlers, type Logger } from '@elk/service-kit';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { DevOutboxSender } from '../dev-outbox/dev-outbox.sender';
import { ListDevSmsHandler } from '../dev-outbox/list-dev-sms.handler';
import { DEV_OUTBOX, SMS_SENDER } from '../notifications.tokens';
import { SendSmsHandler } from '../send-sms/send-sms.handler';
import type { SmsSender } from '../send-sms/sms-sender.port';

/** Instances of the service share requests in this queue group. */
export const NOTIFICATIONS_QUEUE = 'notifications';

/** Serves the notifications subjects on the bus from bootstrap until shutdown. */
@Injectable()
export class NotificationsBusController implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly sendSms: SendSmsHandler;
  private readonly listDevSms: ListDevSmsHandler;
  private serving: Closeable | null = null;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(SMS_SENDER) sender: SmsSender,
    @Inject(DEV_OUTBOX) outbox: DevOutboxSender | null,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.sendSms = new SendSmsHandler(sender, logger.child({ module: 'notifications' }));
    this.listDevSms = new ListDevSmsHandler(outbox);
  }

  async onApplicationBootstrap(): Promise<void> {
    // Both are anonymous-capable: identity sends codes before anyone has logged in, and the dev outbox
    // page is what a developer reads those codes on.
    this.serving = await serveBusHandlers(this.bus, NOTIFICATIONS_QUEUE, [
      busHandler({ subject: NotificationsSubjects.SendSms, schema: SendSms, requiresActor: false, handle: (command) => this.sendSms.handle(command) }),
      busHandler({ subject: NotificationsSubjects.ListDevSms, schema: ListDevSms, requiresActor: false, handle: (query) => this.listDevSms.handle(query) }),
    ]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.serving?.close();
    this.serving = null;
  }
}
