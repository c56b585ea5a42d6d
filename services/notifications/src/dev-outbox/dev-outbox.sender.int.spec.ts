import { DomainError } from '@elk/contracts';
import { captureLogs } from '../../test/capture-logs';
import { describeEachDocumentStore } from '../../test/document-stores';
import { DevOutboxSender } from './dev-outbox.sender';

/** A clock that moves one second per reading, from a fixed start. */
function steppingClock(start = Date.parse('2025-03-01T09:00:00.000Z')) {
  let tick = 0;
  return () => new Date(start + 1000 * tick++);
}

describeEachDocumentStore('DevOutboxSender', (fixture) => {
  afterEach(() => fixture.afterEach());
  afterAll(() => fixture.close());

  async function outbox(logs = captureLogs()) {
    return new DevOutboxSender(fixture.freshStore(), logs.logger, steppingClock()).init();
  }

  it('keeps each SMS with id, recipient, text and time, and lists the newest first', async () => {
    const sender = await outbox();
    const first = await sender.send({ to: '+79110000001', text: 'Код: 111111' });
    const second = await sender.send({ to: '+79110000002', text: 'Код: 222222' });

    const page = await sender.list({ limit: 50 });

    expect(page).toEqual({
      items: [
        { id: second.providerMessageId, to: '+79110000002', text: 'Код: 222222', sentAt: '2025-03-01T09:00:01.000Z' },
        { id: first.providerMessageId, to: '+79110000001', text: 'Код: 111111', sentAt: '2025-03-01T09:00:00.000Z' },
      ],
      total: 2,
      nextCursor: null,
    });
  });

  it('pages through the outbox with limit and cursor, counting every SMS in total', async () => {
    const sender = await outbox();
    for (let i = 1; i <= 5; i++) await sender.send({ to: '+79110000001', text: `SMS ${i}` });

    const first = await sender.list({ limit: 2 });
    const second = await sender.list({ limit: 2, cursor: first.nextCursor ?? undefined });
    const last = await sender.list({ limit: 2, cursor: second.nextCursor ?? undefined });

    expect([first, second, last].map((page) => page.items.map((sms) => sms.text))).toEqual([['SMS 5', 'SMS 4'], ['SMS 3', 'SMS 2'], ['SMS 1']]);
    expect([first.total, second.total, last.total]).toEqual([5, 5, 5]);
    expect(last.nextCursor).toBeNull();
  });

  it('lists only the SMS to one number when asked', async () => {
    const sender = await outbox();
    await sender.send({ to: '+79110000001', text: 'первому' });
    await sender.send({ to: '+79110000002', text: 'второму' });
    await sender.send({ to: '+79110000001', text: 'снова первому' });

    const page = await sender.list({ to: '+79110000001', limit: 50 });

    expect(page.items.map((sms) => sms.text)).toEqual(['снова первому', 'первому']);
    expect(page.total).toBe(2);
  });

  it('refuses a cursor it did not issue as a field error', async () => {
    const sender = await outbox();

    const failure = await sender.list({ limit: 10, cursor: 'not-a-cursor' }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(DomainError);
    expect(failure).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'cursor' }] });
  });

  it('prints one line marked as the dev outbox, with the text for the developer', async () => {
    const logs = captureLogs();
    const sender = await outbox(logs);

    const sent = await sender.send({ to: '+79110000001', text: 'Код для входа: 123456' });

    expect(logs.entries).toHaveLength(1);
    expect(logs.entries[0]).toMatchObject({ devOutbox: true, smsId: sent.providerMessageId });
    expect(logs.entries[0]?.msg).toMatch(/^\[DEV OUTBOX\] .*\+79110000001.*Код для входа: 123456/);
  });

  it('is one outbox for every instance of the service on the same database', async () => {
    const first = await outbox();
    const second = await new DevOutboxSender(fixture.sameSchemaStore(), captureLogs().logger).init();

    await first.send({ to: '+79110000001', text: 'от первого экземпляра' });
    await second.send({ to: '+79110000001', text: 'от второго экземпляра' });

    expect((await first.list({ limit: 50 })).total).toBe(2);
    expect((await second.list({ limit: 50 })).items.map((sms) => sms.text).sort()).toEqual(['от второго экземпляра', 'от первого экземпляра']);
  });
});
