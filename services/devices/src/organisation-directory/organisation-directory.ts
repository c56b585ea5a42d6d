import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { LegalEntityType, PaymentMethodsByRole, Role, TaxSystem } from '@elk/contracts';
import { defineCollection, type CollectionDefinition, type DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE } from '@elk/service-kit';

/**
 * What devices knows of the organisation service's organisations, legal entities, sales points and employees, from
 * its integration events: the names the workplace list shows, what a terminal's settings carry, the roles terminals
 * log in with. Each entry keeps the stream position of the event last applied, so that an event delivered again or
 * late changes nothing; deleted ones stay as tombstones for that.
 */
export interface DirectoryKinds {
  organisation: { name: string };
  'legal-entity': { type: LegalEntityType; name: string; inn: string; kpp: string | null; taxSystem: TaxSystem };
  'sales-point': { name: string; address: string; legalEntityId: string; paymentMethods: PaymentMethodsByRole | null };
  employee: { name: string; role: Role };
}
export type DirectoryKind = keyof DirectoryKinds;

interface DirectoryEntry<T> {
  organisationId: string;
  streamPosition: number;
  deleted: boolean;
  /** Partial until the event that names every field has come (a payment methods change may come first). */
  data: Partial<T>;
}

const COLLECTIONS: { [K in DirectoryKind]: CollectionDefinition<DirectoryEntry<DirectoryKinds[K]>> } = {
  organisation: defineCollection('devices.directory-organisations'),
  'legal-entity': defineCollection('devices.directory-legal-entities'),
  'sales-point': defineCollection('devices.directory-sales-points'),
  employee: defineCollection('devices.directory-employees'),
};

export interface DirectoryChange<T> {
  organisationId: string;
  streamPosition: number;
  /** The fields the event names; null: deleted. */
  fields: Partial<T> | null;
}

@Injectable()
export class OrganisationDirectory implements OnModuleInit {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  async onModuleInit(): Promise<void> {
    await this.documents.ensureCollections(Object.values(COLLECTIONS));
  }

  /** The organisation's live entry, with whatever fields are known; null when unknown, deleted or another's. */
  async get<K extends DirectoryKind>(kind: K, organisationId: string, id: string): Promise<Partial<DirectoryKinds[K]> | null> {
    const entry = (await this.documents.collection(COLLECTIONS[kind] as CollectionDefinition<DirectoryEntry<DirectoryKinds[K]>>).get(id))?.data;
    return entry && entry.organisationId === organisationId && !entry.deleted ? entry.data : null;
  }

  /** Names by id of the organisation's live sales points or employees; an unknown id is left out. */
  async names(kind: 'sales-point' | 'employee', organisationId: string, ids: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const id of new Set(ids)) {
      const name = (await this.get(kind, organisationId, id))?.name;
      if (name !== undefined) names.set(id, name);
    }
    return names;
  }

  /** Applies one change; false when a newer one was applied already. */
  apply<K extends DirectoryKind>(kind: K, id: string, change: DirectoryChange<DirectoryKinds[K]>): Promise<boolean> {
    return this.documents.transaction(async (tx) => {
      const collection = tx.collection(COLLECTIONS[kind] as CollectionDefinition<DirectoryEntry<DirectoryKinds[K]>>);
      const current = await collection.get(id);
      if (current && current.data.streamPosition >= change.streamPosition) return false;
      const entry: DirectoryEntry<DirectoryKinds[K]> = {
        organisationId: change.organisationId,
        streamPosition: change.streamPosition,
        deleted: change.fields === null,
        data: { ...current?.data.data, ...change.fields } as Partial<DirectoryKinds[K]>,
      };
      await collection.upsert(id, entry, { expectedVersion: current ? current.version : 'absent' });
      return true;
    });
  }
}
