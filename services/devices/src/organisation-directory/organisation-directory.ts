import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { defineCollection, type DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE } from '@elk/service-kit';

/**
 * What devices knows of the organisation service's sales points and employees, from its integration events: the
 * names the workplace list shows and the roles terminals log in with. Each entry keeps the stream position of the
 * event last applied, so that an event delivered again or late changes nothing; deleted ones stay as tombstones.
 */
export interface DirectoryEntry {
  organisationId: string;
  name: string;
  /** Employees only. */
  role: string | null;
  streamPosition: number;
  deleted: boolean;
}

const salesPoints = defineCollection<DirectoryEntry>('devices.directory-sales-points', { indexes: [{ fields: ['organisationId'] }] });
const employees = defineCollection<DirectoryEntry>('devices.directory-employees', { indexes: [{ fields: ['organisationId'] }] });

export type DirectoryKind = 'sales-point' | 'employee';

export interface DirectoryChange {
  organisationId: string;
  streamPosition: number;
  /** The new name (and role); null: deleted. */
  entry: { name: string; role: string | null } | null;
}

@Injectable()
export class OrganisationDirectory implements OnModuleInit {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  async onModuleInit(): Promise<void> {
    await this.documents.ensureCollections([salesPoints, employees]);
  }

  /** Names by id of the organisation's live sales points or employees; an unknown id is left out. */
  async names(kind: DirectoryKind, organisationId: string, ids: readonly string[]): Promise<Map<string, string>> {
    const collection = this.documents.collection(kind === 'sales-point' ? salesPoints : employees);
    const names = new Map<string, string>();
    for (const id of new Set(ids)) {
      const entry = (await collection.get(id))?.data;
      if (entry && entry.organisationId === organisationId && !entry.deleted) names.set(id, entry.name);
    }
    return names;
  }

  /** Applies one change; false when a newer one was applied already. */
  apply(kind: DirectoryKind, id: string, change: DirectoryChange): Promise<boolean> {
    return this.documents.transaction(async (tx) => {
      const collection = tx.collection(kind === 'sales-point' ? salesPoints : employees);
      const current = await collection.get(id);
      if (current && current.data.streamPosition >= change.streamPosition) return false;
      const entry: DirectoryEntry = {
        organisationId: change.organisationId,
        name: change.entry?.name ?? current?.data.name ?? '',
        role: change.entry ? change.entry.role : (current?.data.role ?? null),
        streamPosition: change.streamPosition,
        deleted: change.entry === null,
      };
      await collection.upsert(id, entry, { expectedVersion: current ? current.version : 'absent' });
      return true;
    });
  }
}
