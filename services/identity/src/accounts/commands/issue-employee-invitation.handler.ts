import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { DomainError, IdentitySubjects, IssueEmployeeInvitation, type Actor, type InvitationSent } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, EVENT_STORE, LOGGER, busCommandMetadata, handleCommand, readStreamState, BusPayload, BusActor, type BusHandlerContext, type Clock, type Logger } from '@elk/service-kit';
import { accountDecider, accountNotFound, accountStreamId } from '../account.decider';
import { InvitationLinks } from '../invitation-links';
import { SmsSender } from '../sms.sender';
import { IDENTITY_QUEUE } from '../../identity.queue';

const smsNotSent = () => new DomainError('SERVICE_UNAVAILABLE', 'Не удалось отправить SMS с приглашением. Повторите попытку');

@Controller()
export class IssueEmployeeInvitationHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly links: InvitationLinks,
    private readonly sms: SmsSender,
  ) {}

  /**
   * «Пригласить в кабинет»: a new one-time link replaces the one before. As with a PIN-code, the SMS goes first and the
   * hash is recorded once it went: when the SMS fails nothing changes and the admin is told to try again.
   */
  @MessagePattern(IdentitySubjects.IssueEmployeeInvitation, { queue: IDENTITY_QUEUE })
  async execute(@BusPayload(IssueEmployeeInvitation) command: IssueEmployeeInvitation, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<InvitationSent> {
    const streamId = accountStreamId(actor.organisationId, command.accountId);
    const { state } = await readStreamState(this.eventStore, streamId, accountDecider);
    if (state.status !== 'registered') throw accountNotFound();
    const metadata = busCommandMetadata(context, actor.organisationId, actor.accountId);
    const { token, secretHash } = await this.links.create(actor.organisationId, command.accountId);
    const link = this.links.link(command.cabinetUrl, token);
    try {
      await this.sms.send(
        { to: state.phone, text: `ЕЛК: вас пригласили в личный кабинет. Задайте пароль по ссылке (действует 24 часа, один раз): ${link}`, purpose: 'cabinet-invitation' },
        metadata.correlationId,
      );
    } catch (error) {
      this.logger.error({ err: error, correlationId: metadata.correlationId }, 'cabinet invitation SMS not sent');
      throw smsNotSent();
    }
    const { newEvents } = await handleCommand(this.eventStore, streamId, accountDecider, { type: 'IssueInvitation', tokenHash: secretHash, issuedAt: this.clock.now().toISOString() }, metadata);
    const issued = newEvents.find((event) => event.type === 'AccountInvitationIssued');
    if (issued?.type !== 'AccountInvitationIssued') throw new Error('the invitation was not recorded');
    return { phone: state.phone, sentAt: issued.data.issuedAt, expiresAt: issued.data.expiresAt };
  }
}
