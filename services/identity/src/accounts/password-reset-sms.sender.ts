import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { HEADER_CORRELATION_ID, NotificationsSubjects, type SendSms } from '@elk/contracts';
import type { MessageBus } from '@elk/messaging';
import { LOGGER, MESSAGE_BUS, type Logger } from '@elk/service-kit';

/**
 * Sends reset codes without making the request wait: the reply to RequestPasswordReset then takes as long
 * whether or not the phone has an account (an SMS gateway's delay would tell otherwise).
 */
@Injectable()
export class PasswordResetSmsSender implements OnApplicationShutdown {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  send(phone: string, code: string, correlationId: string): void {
    const sms: SendSms = { to: phone, text: `Ваш код для восстановления пароля ELK: ${code}. Никому его не сообщайте.`, purpose: 'password-reset' };
    const sending = this.bus
      .request(NotificationsSubjects.SendSms, sms, { headers: { [HEADER_CORRELATION_ID]: correlationId } })
      .then(
        () => undefined,
        (error: unknown) => this.logger.error({ err: error, correlationId }, 'password reset SMS not sent'),
      )
      .finally(() => this.inFlight.delete(sending));
    this.inFlight.add(sending);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.inFlight);
  }
}
