import { DomainError } from '@elk/contracts';
import { captureLogs } from '../../test/capture-logs';
import { RedirectingRequestClient, startTwilioStub, twilioErrorBody, type TwilioStub } from '../../test/twilio-stub';
import type { TwilioSettings } from '../notifications.config';
import { SendSmsHandler } from './send-sms.handler';
import { SmsDeliveryError } from './sms-delivery.error';
import { TwilioSmsSender } from './twilio-sms.sender';

const settings: TwilioSettings = { accountSid: `AC${'0123456789abcdef'.repeat(2)}`, authToken: 'stub-auth-token-1', from: '+15005550006' };
const CODE_TEXT = 'Код для сброса пароля: 482915';

describe('TwilioSmsSender against a local Twilio stub', () => {
  let stub: TwilioStub;
  let consoleOutput: string[];

  beforeEach(async () => {
    stub = await startTwilioStub(settings);
    consoleOutput = [];
    // Whatever the SDK or our code might print on its own must not carry the text either.
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleOutput.push(args.map(String).join(' ')));
    }
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await stub.close();
  });

  const senderFor = (twilioSettings: TwilioSettings, baseUrl = stub.baseUrl) => new TwilioSmsSender(twilioSettings, new RedirectingRequestClient(baseUrl));

  it('posts To, From and Body form-encoded to the account Messages resource with Basic auth', async () => {
    const sent = await senderFor(settings).send({ to: '+79123456789', text: CODE_TEXT });

    expect(stub.requests).toHaveLength(1);
    const [request] = stub.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: `/2010-04-01/Accounts/${settings.accountSid}/Messages.json`,
      credentials: { username: settings.accountSid, password: settings.authToken },
      form: { To: '+79123456789', From: settings.from, Body: CODE_TEXT },
    });
    expect(request?.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(sent.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it('turns an invalid number (400, code 21211) into a field error on `to`', async () => {
    stub.replyOnce(twilioErrorBody(400, 21211, "The 'To' number +79123456789 is not a valid phone number."));

    const failure = await senderFor(settings).send({ to: '+79123456789', text: CODE_TEXT }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(SmsDeliveryError);
    expect(failure).toBeInstanceOf(DomainError);
    expect(failure).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'to', message: 'Неверный номер телефона' }],
      diagnostics: { providerStatus: 400, providerErrorCode: 21211 },
    });
  });

  it('turns rejected credentials (401, code 20003) into SERVICE_UNAVAILABLE', async () => {
    const failure = await senderFor({ ...settings, authToken: 'wrong-token' }).send({ to: '+79123456789', text: CODE_TEXT }).catch((error: unknown) => error);

    expect(stub.requests[0]?.credentials?.password).toBe('wrong-token');
    expect(failure).toMatchObject({ code: 'SERVICE_UNAVAILABLE', diagnostics: { providerStatus: 401, providerErrorCode: 20003 } });
  });

  it('turns throttling (429) into TOO_MANY_REQUESTS', async () => {
    stub.replyOnce(twilioErrorBody(429, 20429, 'Too Many Requests'));

    await expect(senderFor(settings).send({ to: '+79123456789', text: CODE_TEXT })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
  });

  it('turns an unreachable API into SERVICE_UNAVAILABLE with the network error', async () => {
    const closed = await startTwilioStub(settings);
    await closed.close();

    const failure = await senderFor(settings, closed.baseUrl).send({ to: '+79123456789', text: CODE_TEXT }).catch((error: unknown) => error);

    expect(failure).toMatchObject({ code: 'SERVICE_UNAVAILABLE', diagnostics: { networkError: 'ECONNREFUSED' } });
  });

  it('never writes the SMS text to the logs, sent or refused', async () => {
    const logs = captureLogs();
    const handler = new SendSmsHandler(senderFor(settings), logs.logger);
    const unreachable = await startTwilioStub(settings);
    await unreachable.close();
    const offline = new SendSmsHandler(senderFor(settings, unreachable.baseUrl), logs.logger);

    await handler.handle({ to: '+79123456789', text: CODE_TEXT, purpose: 'password-reset' });
    stub.replyOnce(twilioErrorBody(400, 21211, "The 'To' number +79123456789 is not a valid phone number."));
    await expect(handler.handle({ to: '+79123456789', text: CODE_TEXT, purpose: 'password-reset' })).rejects.toBeInstanceOf(SmsDeliveryError);
    await expect(offline.handle({ to: '+79123456789', text: CODE_TEXT, purpose: 'password-reset' })).rejects.toBeInstanceOf(SmsDeliveryError);

    expect(logs.entries.map((entry) => entry.msg)).toEqual(['SMS sent', 'SMS not sent', 'SMS not sent']);
    expect(logs.entries[1]).toMatchObject({ channel: 'twilio', purpose: 'password-reset', to: '+7912***6789', errorCode: 'VALIDATION_FAILED', providerErrorCode: 21211 });
    expect(logs.entries[2]).toMatchObject({ errorCode: 'SERVICE_UNAVAILABLE', networkError: 'ECONNREFUSED' });
    for (const output of [logs.text(), consoleOutput.join('\n')]) {
      expect(output).not.toContain('482915');
      expect(output).not.toContain('+79123456789');
    }
  });
});
