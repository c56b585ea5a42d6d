import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { DomainError, SendActivationCode, IdentitySubjects, type ActivationCodeSent, type Actor } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, EVENT_STORE, LOGGER, busCommandMetadata, readStreamState, BusPayload, BusActor, type BusHandlerContext, type Clock, type Logger } from '@elk/service-kit';
import { accountDecider, accountNotFound, accountStreamId } from '../account.decider';
import { EmployeePinIssuer } from '../employee-pin.issuer';
import { SmsSender } from '../sms.sender';
import { IDENTITY_QUEUE } from '../../identity.queue';

@Controller()
export class SendActivationCodeHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly pins: EmployeePinIssuer,
    private readonly sms: SmsSender,
  ) {}

  /** One SMS: the workplace's activation code, and a PIN-code when the employee has none yet. */
  @MessagePattern(IdentitySubjects.SendActivationCode, { queue: IDENTITY_QUEUE })
  async execute(@BusPayload(SendActivationCode) command: SendActivationCode, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<ActivationCodeSent> {
    const { state } = await readStreamState(this.eventStore, accountStreamId(actor.organisationId, command.accountId), accountDecider);
    if (state.status !== 'registered') throw accountNotFound();
    const metadata = busCommandMetadata(context, actor.organisationId, actor.accountId);
    const codeLine = `ЕЛК: код активации рабочего места «${command.workplaceName}» — ${command.activationCode}, действует 24 часа.`;
    if (state.pin === null) {
      const issued = await this.pins.issue(state, metadata, { text: (pin) => `${codeLine} PIN-код для входа в приложение на кассе: ${pin}. Никому их не сообщайте.`, purpose: 'activation-code' });
      return { sentAt: issued.sentAt, pinIncluded: true };
    }
    try {
      await this.sms.send({ to: state.phone, text: `${codeLine} Никому его не сообщайте.`, purpose: 'activation-code' }, metadata.correlationId);
    } catch (error) {
      this.logger.error({ err: error, correlationId: metadata.correlationId }, 'activation code SMS not sent');
      throw new DomainError('SERVICE_UNAVAILABLE', 'Не удалось отправить SMS с кодом активации. Повторите попытку');
    }
    return { sentAt: this.clock.now().toISOString(), pinIncluded: false };
  }
}
