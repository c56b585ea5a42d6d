import { DomainError, type DevSmsList, ListDevSms, NotificationsSubjects } from '@elk/contracts';
import { BusPayload, AnonymousCall } from '@elk/service-kit';
import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { DevOutboxSender } from './dev-outbox.sender';
import { NOTIFICATIONS_QUEUE } from '../notifications.queue';
import { DEV_OUTBOX } from '../notifications.tokens';

/** Reads the dev outbox; where it is off (Twilio configured, or distributed without ELK_DEV_OUTBOX=1) it does not exist. */
@Controller()
export class ListDevSmsHandler {
  constructor(@Inject(DEV_OUTBOX) private readonly outbox: DevOutboxSender | null) {}

  /** Anonymous: the dev outbox page is where a developer reads the codes of a log-in not yet done. */
  @MessagePattern(NotificationsSubjects.ListDevSms, { queue: NOTIFICATIONS_QUEUE })
  @AnonymousCall()
  async handle(@BusPayload(ListDevSms) query: ListDevSms): Promise<DevSmsList> {
    if (!this.outbox) throw new DomainError('NOT_FOUND', 'Dev outbox выключен: SMS отправляются по-настоящему или не отправляются вовсе');
    return this.outbox.list(query);
  }
}
