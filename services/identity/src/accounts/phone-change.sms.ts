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

/** The two SMS of a login phone change: the code to the new phone, a warning to the old one. */
@Injectable()
export class PhoneChangeSms {
  constructor(
    private readonly sms: SmsSender,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Throws SERVICE_UNAVAILABLE when the code could not be sent (then nothing is recorded); the warning is best effort. */
  async send(change: { oldPhone: string; newPhone: string; code: string }, correlationId: string): Promise<void> {
    try {
      await this.sms.send({ to: change.newPhone, text: `Код для смены телефона входа в ELK: ${change.code}. Никому его не сообщайте.`, purpose: 'activation-code' }, correlationId);
    } catch (error) {
      this.logger.error({ err: error, correlationId }, 'phone change code SMS not sent');
      throw smsNotSent();
    }
    const warning = `Телефон для входа в ELK меняют на ${maskedPhone(change.newPhone)}. Если вы об этом не просили, сообщите владельцу организации.`;
    await this.sms.send({ to: change.oldPhone, text: warning, purpose: 'other' }, correlationId).catch((error: unknown) => {
      this.logger.error({ err: error, correlationId }, 'phone change warning SMS not sent');
    });
  }
}
