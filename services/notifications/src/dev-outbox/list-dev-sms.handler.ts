import { DomainError, type DevSmsList, type ListDevSms } from '@elk/contracts';
import type { DevOutboxSender } from './dev-outbox.sender';

/** Reads the dev outbox; where it is off (Twilio configured, or distributed without ELK_DEV_OUTBOX=1) it does not exist. */
export class ListDevSmsHandler {
  constructor(private readonly outbox: DevOutboxSender | null) {}

  async handle(query: ListDevSms): Promise<DevSmsList> {
    if (!this.outbox) throw new DomainError('NOT_FOUND', 'Dev outbox выключен: SMS отправляются по-настоящему или не отправляются вовсе');
    return this.outbox.list(query);
  }
}
