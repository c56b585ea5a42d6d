import twilio from 'twilio';
import type { TwilioSettings } from '../notifications.config';
import type { SmsFailureDiagnostics } from './sms-delivery.error';
import type { OutgoingSms, SentSms, SmsSender } from './sms-sender.port';
import { smsDeliveryErrorOf } from './twilio-error.mapping';

const REQUEST_TIMEOUT_MS = 10_000;

/** Sends SMS through Twilio's Messages API. Failures become SmsDeliveryError; nothing is retried here. */
export class TwilioSmsSender implements SmsSender {
  readonly channel = 'twilio';
  private readonly client: twilio.Twilio;

  /** `httpClient` lets tests point the SDK at a local stub (Twilio's documented extension point). */
  constructor(
    private readonly settings: TwilioSettings,
    httpClient: twilio.RequestClient = new twilio.RequestClient({ timeout: REQUEST_TIMEOUT_MS }),
  ) {
    this.client = twilio(settings.accountSid, settings.authToken, { httpClient });
  }

  async send({ to, text }: OutgoingSms): Promise<SentSms> {
    try {
      const message = await this.client.messages.create({ to, from: this.settings.from, body: text });
      return { providerMessageId: message.sid };
    } catch (error) {
      // Only the numbers survive: an HTTP client error carries the request, SMS text included.
      throw smsDeliveryErrorOf(diagnosticsOf(error));
    }
  }
}

/**
 * Twilio's RestException and TwilioServiceException carry a numeric HTTP `status` and Twilio `code`;
 * a network failure (axios) carries a string `code` such as ECONNREFUSED.
 */
function diagnosticsOf(error: unknown): SmsFailureDiagnostics {
  if (typeof error !== 'object' || error === null) return {};
  const { status, code, name } = error as { status?: unknown; code?: unknown; name?: unknown };
  if (typeof status !== 'number' && typeof code !== 'string') return typeof name === 'string' ? { errorName: name } : {};
  return {
    ...(typeof status === 'number' ? { providerStatus: status } : {}),
    ...(typeof code === 'number' ? { providerErrorCode: code } : {}),
    ...(typeof code === 'string' ? { networkError: code } : {}),
  };
}
