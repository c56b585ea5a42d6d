import { Inject, Injectable } from '@nestjs/common';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE } from '@elk/service-kit';
import { accountsCollection, type AccountDocument } from './account-lookup.projection';

@Injectable()
export class AccountLookup {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** Closed accounts too: deleted employees keep their names in the history. */
  async byId(accountId: string): Promise<AccountDocument | null> {
    return (await this.documents.collection(accountsCollection).get(accountId))?.data ?? null;
  }

  /** An account that may still act: null when there is none or it was closed. */
  async openById(accountId: string): Promise<AccountDocument | null> {
    const account = await this.byId(accountId);
    return account && !account.closed ? account : null;
  }
}
