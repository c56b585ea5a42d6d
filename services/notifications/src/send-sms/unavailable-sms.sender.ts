import { DomainError } from '@elk/contracts';
import type { SentSms, SmsSender } from './sms-sender.port';

/**
 * The channel of a distributed deployment with neither Twilio nor ELK_DEV_OUTBOX=1: every SMS fails
 * loudly, so a missing setting shows at the first password reset instead of codes vanishing.
 */
export class UnavailableSmsSender implements SmsSender {
  readonly channel = 'unavailable';

  async send(): Promise<SentSms> {
    throw new DomainError('SERVICE_UNAVAILABLE', 'Отправка SMS не настроена. Обратитесь в поддержку');
  }
}
