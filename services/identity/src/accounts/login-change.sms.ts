import { randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@elk/contracts';
import { LOGGER, type Logger } from '@elk/service-kit';
import { SmsSender } from './sms.sender';

const smsNotSent = () => new DomainError('SERVICE_UNAVAILABLE', 'Не удалось отправить SMS с кодом на новый телефон. Повторите попытку');

/** «+7 *** ***-**-89»: enough for the owner of the old phone to tell whose number it is not. */
export function maskedPhone(phone: string): string {
  return `${phone.slice(0, 2)} *** ***-**-${phone.slice(-2)}`;
}

export const newPhoneCode = () => randomInt(0, 1_000_000).toString().padStart(6, '0');

/** «i***@example.ru». */
export function maskedEmail(email: string): string {
  const at = email.indexOf('@');
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

const NOT_YOU = 'Если вы об этом не просили, сообщите владельцу организации.';

/** The SMS of a change of login names: the code to a new phone, a warning to the phone the account has. */
@Injectable()
export class LoginChangeSms {
  constructor(
    private readonly sms: SmsSender,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Throws SERVICE_UNAVAILABLE when the code could not be sent (then nothing is recorded); the warning is best effort. */
  async sendPhoneCode(change: { oldPhone: string; newPhone: string; code: string }, correlationId: string): Promise<void> {
    try {
      await this.sms.send({ to: change.newPhone, text: `Код для смены телефона входа в ЕЛК: ${change.code}. Никому его не сообщайте.`, purpose: 'activation-code' }, correlationId);
    } catch (error) {
      this.logger.error({ err: error, correlationId }, 'phone change code SMS not sent');
      throw smsNotSent();
    }
    await this.warn(change.oldPhone, `Телефон для входа в ЕЛК меняют на ${maskedPhone(change.newPhone)}. ${NOT_YOU}`, correlationId);
  }

  /** No code for an email: nothing secret is ever sent to it (a password is reset by SMS), so it cannot open the account. */
  async sendEmailChanged(change: { phone: string; newEmail: string | null }, correlationId: string): Promise<void> {
    const what = change.newEmail ? `изменён на ${maskedEmail(change.newEmail)}` : 'удалён';
    await this.warn(change.phone, `Email для входа в ЕЛК ${what}. ${NOT_YOU}`, correlationId);
  }

  /** Best effort: the change is made whether or not the warning went. */
  private async warn(phone: string, text: string, correlationId: string): Promise<void> {
    await this.sms.send({ to: phone, text, purpose: 'other' }, correlationId).catch((error: unknown) => {
      this.logger.error({ err: error, correlationId }, 'login change warning SMS not sent');
    });
  }
}
