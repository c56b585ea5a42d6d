import { DomainError, type DevSms, type DevSmsList, type ListDevSms } from '@elk/contracts';
import { InvalidDocumentQueryError, type DocumentStore } from '@elk/documents';
import type { Logger } from '@elk/service-kit';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { OutgoingSms, SentSms, SmsSender } from '../send-sms/sms-sender.port';
import { devSmsCollection, type DevSmsDocument } from './dev-sms.collection';
import { formatDevOutboxLine } from './dev-outbox-line.format';

/**
 * Keeps SMS instead of sending them, for development and demos. Entries live in the documents store, so
 * every instance of the service (and the cabinet's dev page) sees the same outbox.
 */
export class DevOutboxSender implements SmsSender {
  readonly channel = 'dev-outbox';

  constructor(
    private readonly store: DocumentStore,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Creates the collection if this database has none yet; call once before use. */
  async init(): Promise<this> {
    await this.store.ensureCollections([devSmsCollection]);
    return this;
  }

  async send({ to, text }: OutgoingSms): Promise<SentSms> {
    const sms: DevSms = { id: randomUUID(), to, text, sentAt: this.now().toISOString() };
    const document: DevSmsDocument = { ...sms, order: Math.round((performance.timeOrigin + performance.now()) * 1000) };
    await this.store.collection(devSmsCollection).upsert(sms.id, document, { expectedVersion: 'absent' });
    // The one log line allowed to carry an SMS text: without a real SMS channel this is how a developer
    // reads the code. Only ever on when Twilio is not configured (see selectSmsChannel).
    this.logger.info({ devOutbox: true, smsId: sms.id }, formatDevOutboxLine(sms));
    return { providerMessageId: sms.id };
  }

  async list({ to, limit, cursor }: ListDevSms): Promise<DevSmsList> {
    try {
      const page = await this.store.collection(devSmsCollection).find({
        where: to === undefined ? undefined : { to },
        sort: [{ field: 'order', direction: 'desc' }],
        limit,
        cursor,
      });
      return { items: page.items.map(({ data: { order: _order, ...sms } }) => sms), total: page.total, nextCursor: page.nextCursor };
    } catch (error) {
      if (error instanceof InvalidDocumentQueryError) {
        throw new DomainError('VALIDATION_FAILED', 'Проверьте введённые данные', [{ path: 'cursor', message: 'Неверный курсор страницы' }]);
      }
      throw error;
    }
  }
}
