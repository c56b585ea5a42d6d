import { AccountEvents, type AccountView } from '@elk/contracts';
import { defineCollection, documentProjection } from '@elk/documents';
import { parseEvent } from '@elk/service-kit';

/** Accounts by id, without credentials: what GetAccount answers and where sessions learn the current role. */
export const accountsCollection = defineCollection<AccountView>('identity.accounts');

export const accountLookupProjection = documentProjection<AccountView>({
  name: 'identity.accounts.v1',
  collection: accountsCollection,
  handles: ['AccountRegistered'],
  documentId: (recorded) => parseEvent(AccountEvents, recorded).data.accountId,
  evolve: (account, recorded) => {
    const event = parseEvent(AccountEvents, recorded);
    if (event.type !== 'AccountRegistered') return account;
    const { accountId, organisationId, fullName, phone, email, role } = event.data;
    return { accountId, organisationId, fullName, phone, email, role };
  },
});
