import { DomainError, type SendSms } from '@elk/contracts';
import type { Logger } from '@elk/service-kit';
import { maskPhone } from './phone-mask.format';
import { SmsDeliveryError } from './sms-delivery.error';
import type { SentSms, SmsSender } from './sms-sender.port';

/**
 * Sends one SMS through whichever channel this process has. Logs who got what kind of SMS and how it
 * went — never the text, which usually holds a code.
 */
export class SendSmsHandler {
  constructor(
    private readonly sender: SmsSender,
    private readonly logger: Logger,
  ) {}

  async handle(command: SendSms): Promise<SentSms> {
    const about = { channel: this.sender.channel, purpose: command.purpose, to: maskPhone(command.to) };
    try {
      const sent = await this.sender.send({ to: command.to, text: command.text });
      this.logger.info({ ...about, providerMessageId: sent.providerMessageId }, 'SMS sent');
      return sent;
    } catch (error) {
      if (error instanceof SmsDeliveryError) {
        this.logger.warn({ ...about, errorCode: error.code, ...error.diagnostics }, 'SMS not sent');
      } else if (error instanceof DomainError) {
        this.logger.warn({ ...about, errorCode: error.code }, 'SMS not sent');
      } else {
        // Twilio failures never get here (they are SmsDeliveryError), so the message cannot echo the text.
        const failure = error instanceof Error ? { errorName: error.name, errorMessage: error.message } : { errorName: typeof error };
        this.logger.error({ ...about, ...failure }, 'SMS not sent: unexpected failure');
      }
      throw error;
    }
  }
}
