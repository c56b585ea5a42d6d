import { Injectable } from '@nestjs/common';
import { DomainError, type AccountView, type Actor } from '@elk/contracts';
import { AccountLookup } from './account.lookup';

@Injectable()
export class GetAccountHandler {
  constructor(private readonly accounts: AccountLookup) {}

  /** Another organisation's account is as absent as a missing one; a closed one is answered (history names it). */
  async execute(query: { accountId: string }, actor: Actor): Promise<AccountView> {
    const account = await this.accounts.byId(query.accountId);
    if (!account || account.organisationId !== actor.organisationId) throw new DomainError('NOT_FOUND', 'Учётная запись не найдена');
    const { closed: _closed, ...view } = account;
    return view;
  }
}
