import { Inject, Injectable } from '@nestjs/common';
import type { AccountView } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE } from '@elk/service-kit';
import { accountsCollection } from './account-lookup.projection';

@Injectable()
export class AccountLookup {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  async byId(accountId: string): Promise<AccountView | null> {
    return (await this.documents.collection(accountsCollection).get(accountId))?.data ?? null;
  }
}
