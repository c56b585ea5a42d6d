import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { defineCollection, MAX_FIND_LIMIT, type DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE } from '@elk/service-kit';

/**
 * The activation codes ELK sent, by id: only HMACs of them (terminal-secrets.ts). Which code is in force, its
 * tries and expiry are the workplace stream's; this is where a typed code is looked up, and where the device that
 * used a code is remembered so that its retried activation gets the same credential.
 */
export interface ActivationCodeRecord {
  organisationId: string;
  workplaceId: string;
  lookup: string;
  secretHash: string;
  expiresAt: string;
  /** Set once the right code was presented by a device. */
  usedBy: { serial: string; credentialId: string } | null;
}

const activationCodes = defineCollection<ActivationCodeRecord>('devices.activation-codes', { indexes: [{ fields: ['lookup'] }, { fields: ['workplaceId'] }] });

@Injectable()
export class ActivationCodes implements OnModuleInit {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  async onModuleInit(): Promise<void> {
    await this.documents.ensureCollections([activationCodes]);
  }

  /** Keeps a new code of the workplace and forgets its older ones (a new code voids the previous one). */
  async keep(codeId: string, record: ActivationCodeRecord): Promise<void> {
    await this.documents.transaction(async (tx) => {
      const codes = tx.collection(activationCodes);
      const older = await codes.find({ where: { workplaceId: record.workplaceId }, limit: MAX_FIND_LIMIT });
      for (const code of older.items) await codes.delete(code.id);
      await codes.upsert(codeId, record);
    });
  }

  /** The codes whose first characters are these (one, as a rule; codes are 8 characters and few are live). */
  async withLookup(lookup: string): Promise<Array<{ codeId: string; record: ActivationCodeRecord }>> {
    const found = await this.documents.collection(activationCodes).find({ where: { lookup }, limit: 20 });
    return found.items.map((item) => ({ codeId: item.id, record: item.data }));
  }

  async markUsed(codeId: string, usedBy: { serial: string; credentialId: string }): Promise<void> {
    const codes = this.documents.collection(activationCodes);
    const current = await codes.get(codeId);
    if (current) await codes.upsert(codeId, { ...current.data, usedBy }, { expectedVersion: current.version });
  }

  async forgetWorkplace(workplaceId: string): Promise<void> {
    const codes = this.documents.collection(activationCodes);
    const found = await codes.find({ where: { workplaceId }, limit: MAX_FIND_LIMIT });
    for (const code of found.items) await codes.delete(code.id);
  }
}
