import { DomainError, SendSms, NotificationsSubjects } from '@elk/contracts';
import { MessagePattern } from '@nestjs/microservices';
import { Controller, Inject } from '@nestjs/common';
import { BusPayload, AnonymousCall, LOGGER, type Logger } from '@elk/service-kit';
import { maskPhone } from './phone-mask.format';
import { SmsDeliveryError } from './sms-delivery.error';
import { SMS_SENDER, type SentSms, type SmsSender } from './sms-sender.port';
import { NOTIFICATIONS_QUEUE } from '../notifications.queue';

/**
 * Sends one SMS through whichever channel this process has. Logs who got what kind of SMS and how it
 * went — never the text, which usually holds a code.
 */
@Controller()
export class SendSmsHandler {
  private readonly logger: Logger;

  constructor(
    @Inject(SMS_SENDER) private readonly sender: SmsSender,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ module: 'notifications' });
  }

  /** Anonymous: identity sends codes before anyone has logged in. */
  @MessagePattern(NotificationsSubjects.SendSms, { queue: NOTIFICATIONS_QUEUE })
  @AnonymousCall()
  async handle(@BusPayload(SendSms) command: SendSms): Promise<SentSms> {
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
