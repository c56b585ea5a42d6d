import { NotificationsSubjects, type DevSmsList, type SendSms } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { PostgresEventStore } from '@elk/eventstore';
import { InProcessBroker, InProcessMessageBus, NatsMessageBus, RemoteError, type MessageBus } from '@elk/messaging';
import { InfrastructureModule, type RunMode } from '@elk/service-kit';
import { TEST_NATS_NAMESPACE, serveOnBus } from '@elk/testing';
import type { INestMicroservice } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Pool } from 'pg';
import { loadNotificationsConfig, NotificationsModule, SMS_CHANNEL, SMS_SENDER } from '../src';
import { TwilioSmsSender } from '../src/send-sms/twilio-sms.sender';
import { captureLogs, type CapturedLogs } from './capture-logs';
import { describeEachDocumentStore, TEST_DATABASE_URL, type DocumentsAdapter } from './document-stores';
import { RedirectingRequestClient, startTwilioStub, twilioErrorBody, type TwilioStub } from './twilio-stub';

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const TWILIO_ENV = { TWILIO_ACCOUNT_SID: `AC${'5e'.repeat(16)}`, TWILIO_AUTH_TOKEN: 'stub-token', TWILIO_FROM: '+15005550006' };
const RESET_SMS: SendSms = { to: '+79123456789', text: 'Код для сброса пароля: 730418', purpose: 'password-reset' };

/** How test "processes" reach each other: one in-process broker, or the NATS server on loopback. */
interface BusKind {
  name: string;
  /** Embedded mode pairs the in-process bus with PGlite, distributed mode NATS with PostgreSQL. */
  documents: DocumentsAdapter[];
  /** A new connection, as each process has its own. */
  connect(): Promise<MessageBus>;
}

const inProcess = (): BusKind => {
  const broker = new InProcessBroker();
  return { name: 'the in-process bus', documents: ['postgres', 'pglite'], connect: async () => new InProcessMessageBus({ broker, requestTimeoutMs: 2_000 }) };
};
const nats = (): BusKind => ({ name: 'NATS', documents: ['postgres'], connect: () => NatsMessageBus.connect({ url: NATS_URL, name: 'notifications-test', requestTimeoutMs: 2_000, namespace: TEST_NATS_NAMESPACE }) });

describe.each([inProcess(), nats()])('notifications service over $name', (busKind) => {
  describeEachDocumentStore('with documents', (documents) => {
    const opened: Array<{ close(): Promise<void> }> = [];
    // The service never touches the event store; the infrastructure shape still asks for one.
    const eventStorePool = new Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
    let client: MessageBus;

    beforeEach(async () => {
      client = await busKind.connect();
      opened.push(client);
    });

    afterEach(async () => {
      // Services first (they stop serving), then their connections, then the database.
      for (const resource of opened.splice(0).reverse()) await resource.close();
      await documents.afterEach();
    });

    afterAll(async () => {
      await eventStorePool.end();
      await documents.close();
    });

    interface Instance {
      app: INestMicroservice;
      logs: CapturedLogs;
    }

    async function startInstance(options: { mode: RunMode; env?: NodeJS.ProcessEnv; store?: DocumentStore; twilioStub?: TwilioStub }): Promise<Instance> {
      const logs = captureLogs();
      const bus = await busKind.connect();
      opened.push(bus);
      const config = loadNotificationsConfig(options.env ?? {});
      let builder = Test.createTestingModule({
        imports: [
          InfrastructureModule.forRoot({
            mode: options.mode,
            bus,
            documentStore: options.store ?? documents.freshStore(),
            eventStore: new PostgresEventStore({ connection: eventStorePool }),
            logger: logs.logger,
          }),
          NotificationsModule.forRoot(config),
        ],
      });
      if (options.twilioStub && config.twilio) {
        builder = builder.overrideProvider(SMS_SENDER).useValue(new TwilioSmsSender(config.twilio, new RedirectingRequestClient(options.twilioStub.baseUrl)));
      }
      const app = await serveOnBus(await builder.compile(), bus);
      opened.push(app);
      return { app, logs };
    }

    const sendSms = (sms: SendSms) => client.request<{ providerMessageId: string }>(NotificationsSubjects.SendSms, sms);
    const listDevSms = (query: { to?: string; limit?: number; cursor?: string } = {}) => client.request<DevSmsList>(NotificationsSubjects.ListDevSms, query);
    const failureOf = (promise: Promise<unknown>) => promise.then(() => new Error('expected a failure'), (error: unknown) => error);

    it('embedded: keeps the SMS in the dev outbox, prints it for the developer and lists it', async () => {
      const { app, logs } = await startInstance({ mode: 'embedded' });

      const sent = await sendSms(RESET_SMS);
      const outbox = await listDevSms({ to: RESET_SMS.to });

      expect(app.get(SMS_CHANNEL)).toBe('dev-outbox');
      expect(outbox).toEqual({ items: [{ id: sent.providerMessageId, to: RESET_SMS.to, text: RESET_SMS.text, sentAt: expect.any(String) }], total: 1, nextCursor: null });
      const devOutboxLines = logs.entries.filter((entry) => entry.devOutbox === true);
      expect(devOutboxLines).toHaveLength(1);
      expect(devOutboxLines[0]?.msg).toContain('730418');
      // Everywhere else the code stays out of the logs.
      const otherLines = logs.entries.filter((entry) => entry.devOutbox !== true);
      expect(otherLines.map((entry) => entry.msg)).toContain('SMS sent');
      expect(JSON.stringify(otherLines)).not.toContain('730418');
    });

    it('distributed without Twilio or ELK_DEV_OUTBOX: sending fails with SERVICE_UNAVAILABLE and there is no outbox', async () => {
      const { app } = await startInstance({ mode: 'distributed' });

      const sendFailure = await failureOf(sendSms(RESET_SMS));
      const listFailure = await failureOf(listDevSms());

      expect(app.get(SMS_CHANNEL)).toBe('unavailable');
      expect(sendFailure).toBeInstanceOf(RemoteError);
      expect(sendFailure).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: 'Отправка SMS не настроена. Обратитесь в поддержку' });
      expect(listFailure).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('distributed with ELK_DEV_OUTBOX=1: instances share the queue group and one outbox', async () => {
      const first = await startInstance({ mode: 'distributed', env: { ELK_DEV_OUTBOX: '1' } });
      const second = await startInstance({ mode: 'distributed', env: { ELK_DEV_OUTBOX: '1' }, store: documents.sameSchemaStore() });

      for (let i = 0; i < 6; i++) await sendSms({ ...RESET_SMS, text: `Код: 10000${i}` });
      const outbox = await listDevSms({ limit: 10 });

      // Each SMS handled by exactly one instance, whichever it was, and visible through either.
      expect(outbox.total).toBe(6);
      const handled = [first, second].map(({ logs }) => logs.entries.filter((entry) => entry.msg === 'SMS sent').length);
      expect(handled[0]! + handled[1]!).toBe(6);
      expect(outbox.items.map((sms) => sms.text)).toEqual([5, 4, 3, 2, 1, 0].map((i) => `Код: 10000${i}`));
    });

    it('Twilio configured: SMS go to Twilio even with ELK_DEV_OUTBOX=1, and the outbox does not exist', async () => {
      const stub = await startTwilioStub({ accountSid: TWILIO_ENV.TWILIO_ACCOUNT_SID, authToken: TWILIO_ENV.TWILIO_AUTH_TOKEN });
      opened.push(stub);
      const { app, logs } = await startInstance({ mode: 'embedded', env: { ...TWILIO_ENV, ELK_DEV_OUTBOX: '1' }, twilioStub: stub });

      const sent = await sendSms(RESET_SMS);
      const listFailure = await failureOf(listDevSms());

      expect(app.get(SMS_CHANNEL)).toBe('twilio');
      expect(sent.providerMessageId).toMatch(/^SM/);
      expect(stub.requests.map((request) => request.form)).toEqual([{ To: RESET_SMS.to, From: TWILIO_ENV.TWILIO_FROM, Body: RESET_SMS.text }]);
      expect(listFailure).toMatchObject({ code: 'NOT_FOUND' });
      expect(logs.text()).not.toContain('730418');
    });

    it('Twilio configured: the module picks the Twilio adapter', async () => {
      const { app } = await startInstance({ mode: 'distributed', env: TWILIO_ENV });

      expect(app.get(SMS_SENDER)).toBeInstanceOf(TwilioSmsSender);
    });

    it("Twilio's refusal of a number reaches the caller as a field error on `to`, without the text in the logs", async () => {
      const stub = await startTwilioStub({ accountSid: TWILIO_ENV.TWILIO_ACCOUNT_SID, authToken: TWILIO_ENV.TWILIO_AUTH_TOKEN });
      opened.push(stub);
      const { logs } = await startInstance({ mode: 'distributed', env: TWILIO_ENV, twilioStub: stub });
      stub.replyOnce(twilioErrorBody(400, 21211, "The 'To' number +79123456789 is not a valid phone number."));

      const failure = await failureOf(sendSms(RESET_SMS));

      expect(failure).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Неверный номер телефона', details: { errors: [{ path: 'to', message: 'Неверный номер телефона' }] } });
      expect(logs.entries.find((entry) => entry.msg === 'SMS not sent')).toMatchObject({ providerErrorCode: 21211, to: '+7912***6789' });
      expect(logs.text()).not.toContain('730418');
    });

    it('refuses a malformed command with field errors', async () => {
      await startInstance({ mode: 'embedded' });

      const failure = await failureOf(client.request(NotificationsSubjects.SendSms, { to: '89123456789', text: '', purpose: 'password-reset' }));

      expect(failure).toMatchObject({ code: 'VALIDATION_FAILED', details: { errors: expect.arrayContaining([expect.objectContaining({ path: 'to' }), expect.objectContaining({ path: 'text' })]) } });
    });

    it('stops serving when the application shuts down', async () => {
      const { app } = await startInstance({ mode: 'embedded' });
      await app.close();

      const failure = await failureOf(client.request(NotificationsSubjects.SendSms, RESET_SMS, { timeoutMs: 300 }));

      expect(failure).not.toBeInstanceOf(RemoteError);
    });
  }, busKind.documents);
});
