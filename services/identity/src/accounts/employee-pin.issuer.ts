import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type EmployeePinIssued, type SendSms } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, EVENT_STORE, LOGGER, handleCommand, type Clock, type CommandMetadata, type Logger } from '@elk/service-kit';
import { accountDecider, accountNotFound, accountStreamId, type AccountState } from './account.decider';
import { newPin } from './employee-pin';
import { SecretHasher } from './secret.hasher';
import { SmsSender } from './sms.sender';

const smsNotSent = () => new DomainError('SERVICE_UNAVAILABLE', 'Не удалось отправить SMS с PIN-кодом. Повторите попытку');

/** The SMS a new PIN-code goes in: by itself, or with what else the SMS says (a workplace's activation code). */
export interface PinSms {
  text(pin: string): string;
  purpose: SendSms['purpose'];
}

const PIN_ALONE: PinSms = { text: (pin) => `PIN-код для входа в приложение на кассе: ${pin}. Никому его не сообщайте.`, purpose: 'employee-pin' };

/** Gives an employee a new PIN-code for the POS app: sent by SMS, kept only as an argon2id hash. */
@Injectable()
export class EmployeePinIssuer {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly hasher: SecretHasher,
    private readonly sms: SmsSender,
  ) {}

  /**
   * The SMS goes first and the hash is recorded once it went, so that when the SMS fails nothing changes
   * (the PIN-code in force keeps working) and the admin is told to try again.
   */
  async issue(account: AccountState, metadata: CommandMetadata, sms: PinSms = PIN_ALONE): Promise<EmployeePinIssued> {
    if (account.status !== 'registered') throw accountNotFound();
    const previous = account.pin;
    const pin = await newPin(async (candidate) => !previous || !(await this.hasher.verify(previous.pinHash, candidate)));
    const pinHash = await this.hasher.hash(pin);
    const issuedAt = this.clock.now().toISOString();
    try {
      await this.sms.send({ to: account.phone, text: sms.text(pin), purpose: sms.purpose }, metadata.correlationId);
    } catch (error) {
      this.logger.error({ err: error, correlationId: metadata.correlationId }, 'employee PIN SMS not sent');
      throw smsNotSent();
    }
    await handleCommand(this.eventStore, accountStreamId(account.organisationId, account.accountId), accountDecider, { type: 'IssuePin', pinHash, issuedAt }, metadata);
    return { phone: account.phone, sentAt: issuedAt };
  }
}
