import { Inject, Injectable } from '@nestjs/common';
import { HEADER_CORRELATION_ID, NotificationsSubjects, type SendSms } from '@elk/contracts';
import type { MessageBus } from '@elk/messaging';
import { MESSAGE_BUS } from '@elk/service-kit';

/** Sends an SMS through the notifications service; resolves once it was accepted, throws when it was not. */
@Injectable()
export class SmsSender {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  async send(sms: SendSms, correlationId: string): Promise<void> {
    await this.bus.request(NotificationsSubjects.SendSms, sms, { headers: { [HEADER_CORRELATION_ID]: correlationId } });
  }
}
