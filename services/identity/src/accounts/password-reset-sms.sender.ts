import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, type Logger } from '@elk/service-kit';
import { SmsSender } from './sms.sender';

/**
 * Sends reset codes without making the request wait: the reply to RequestPasswordReset then takes as long
 * whether or not the phone has an account (an SMS gateway's delay would tell otherwise).
 */
@Injectable()
export class PasswordResetSmsSender implements OnApplicationShutdown {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly sms: SmsSender,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  send(phone: string, code: string, correlationId: string): void {
    const text = `Ваш код для восстановления пароля ЕЛК: ${code}. Никому его не сообщайте.`;
    const sending = this.sms
      .send({ to: phone, text, purpose: 'password-reset' }, correlationId)
      .catch((error: unknown) => this.logger.error({ err: error, correlationId }, 'password reset SMS not sent'))
      .finally(() => this.inFlight.delete(sending));
    this.inFlight.add(sending);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.inFlight);
  }
}
