import { AccountEvents, type AccountView } from '@elk/contracts';
import { defineCollection, documentProjection } from '@elk/documents';
import { parseEvent } from '@elk/service-kit';

/**
 * An account without credentials. A closed one is kept, marked: «История изменений» still names deleted
 * employees (GetAccount), while sessions refuse it.
 */
export interface AccountDocument extends AccountView {
  closed: boolean;
}

/** Accounts by id: what GetAccount answers and where sessions learn the current role. */
export const accountsCollection = defineCollection<AccountDocument>('identity.accounts.v2');

export const accountLookupProjection = documentProjection<AccountDocument>({
  name: 'identity.accounts.v2',
  collection: accountsCollection,
  handles: ['AccountRegistered', 'AccountProfileChanged', 'AccountClosed'],
  documentId: (recorded) => parseEvent(AccountEvents, recorded).data.accountId,
  evolve: (account, recorded) => {
    const event = parseEvent(AccountEvents, recorded);
    switch (event.type) {
      case 'AccountRegistered': {
        const { accountId, organisationId, fullName, phone, email, role } = event.data;
        return { accountId, organisationId, fullName, phone, email, role, closed: false };
      }
      case 'AccountProfileChanged': {
        const { fullName, phone, email, role } = event.data;
        return account && { ...account, fullName, phone, email, role };
      }
      case 'AccountClosed':
        return account && { ...account, closed: true };
      default:
        return account;
    }
  },
});
