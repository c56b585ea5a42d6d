import { DocumentVersionConflictError, defineCollection, idsWhere, type DocumentStore } from '@elk/documents';
import type { Session } from './session';
import type { RotatedRefreshToken, SessionStore } from './session-store.port';

const sessionsCollection = defineCollection<Session>('identity.sessions', { indexes: [{ fields: ['accountId'] }] });
/** One document per refresh token ever issued (id: its hash), so that reuse of a rotated one is recognised. */
const refreshTokensCollection = defineCollection<{ sessionId: string }>('identity.refresh-tokens');

/** Sessions as documents (embedded mode: PGlite, so they survive a restart). Expiry is checked by the handlers. */
export class DocumentSessionStore implements SessionStore {
  private constructor(private readonly documents: DocumentStore) {}

  static async open(documents: DocumentStore): Promise<DocumentSessionStore> {
    await documents.ensureCollections([sessionsCollection, refreshTokensCollection]);
    return new DocumentSessionStore(documents);
  }

  async create(session: Session): Promise<void> {
    await this.documents.transaction(async (tx) => {
      await tx.collection(sessionsCollection).upsert(session.sessionId, session, { expectedVersion: 'absent' });
      await tx.collection(refreshTokensCollection).upsert(session.refreshTokenHash, { sessionId: session.sessionId }, { expectedVersion: 'absent' });
    });
  }

  async get(sessionId: string): Promise<Session | null> {
    return (await this.documents.collection(sessionsCollection).get(sessionId))?.data ?? null;
  }

  async findByRefreshTokenHash(refreshTokenHash: string): Promise<Session | null> {
    const token = await this.documents.collection(refreshTokensCollection).get(refreshTokenHash);
    return token ? this.get(token.data.sessionId) : null;
  }

  async rotate(sessionId: string, from: number, next: RotatedRefreshToken): Promise<boolean> {
    try {
      return await this.documents.transaction(async (tx) => {
        const current = await tx.collection(sessionsCollection).get(sessionId);
        if (!current || current.data.rotation !== from) return false;
        await tx.collection(sessionsCollection).upsert(sessionId, { ...current.data, ...next, rotation: from + 1 }, { expectedVersion: current.version });
        await tx.collection(refreshTokensCollection).upsert(next.refreshTokenHash, { sessionId }, { expectedVersion: 'absent' });
        return true;
      });
    } catch (error) {
      if (error instanceof DocumentVersionConflictError) return false;
      throw error;
    }
  }

  async revoke(sessionId: string): Promise<void> {
    await this.documents.collection(sessionsCollection).delete(sessionId);
  }

  async revokeAllOf(accountId: string, keepSessionId?: string): Promise<void> {
    const sessions = this.documents.collection(sessionsCollection);
    for (const id of await idsWhere(sessions, { accountId })) if (id !== keepSessionId) await sessions.delete(id);
  }

  async close(): Promise<void> {}
}
