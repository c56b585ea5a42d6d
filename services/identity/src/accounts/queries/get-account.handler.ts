import { Controller } from '@nestjs/common';
import { BusPayload, BusActor } from '@elk/service-kit';
import { MessagePattern } from '@nestjs/microservices';
import { DomainError, type AccountView, type Actor, IdentitySubjects, GetAccount } from '@elk/contracts';
import { AccountLookup } from './account.lookup';
import { IDENTITY_QUEUE } from '../../identity.queue';

@Controller()
export class GetAccountHandler {
  constructor(private readonly accounts: AccountLookup) {}

  /** Another organisation's account is as absent as a missing one; a closed one is answered (history names it). */
  @MessagePattern(IdentitySubjects.GetAccount, { queue: IDENTITY_QUEUE })
  async execute(@BusPayload(GetAccount) query: { accountId: string }, @BusActor() actor: Actor): Promise<AccountView> {
    const account = await this.accounts.byId(query.accountId);
    if (!account || account.organisationId !== actor.organisationId) throw new DomainError('NOT_FOUND', 'Учётная запись не найдена');
    const { closed: _closed, ...view } = account;
    return view;
  }
}
