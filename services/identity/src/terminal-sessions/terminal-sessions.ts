import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { IdentitySubjects, TERMINAL_SESSION_TTL_HOURS, type Role, type TerminalAccessChanged, type TerminalDevice } from '@elk/contracts';
import { defineCollection, idsWhere, type DocumentStore } from '@elk/documents';
import type { MessageBus } from '@elk/messaging';
import { DOCUMENT_STORE, MESSAGE_BUS } from '@elk/service-kit';
import { hashOpaqueToken, newOpaqueToken } from '../sessions/session-tokens';

const TOKEN_PREFIX = 'elkt.';
const TTL_MS = TERMINAL_SESSION_TTL_HOURS * 60 * 60 * 1000;

/** A cashier's session on one device (its document id is the device credential's id: one session per device). */
export interface TerminalSessionRecord {
  organisationId: string;
  workplaceId: string;
  accountId: string;
  /** The role logged in with: a change of it ends the session. */
  role: Role;
  /** SHA-256 of the token; the token itself is never stored. */
  tokenHash: string;
  openedAt: string;
  expiresAt: string;
}

const terminalSessionsCollection = defineCollection<TerminalSessionRecord>('identity.terminal-sessions', { indexes: [{ fields: ['accountId'] }] });

/**
 * Terminal sessions as documents (PostgreSQL, PGlite embedded): one per device, replaced by the next log-in on it, so
 * they never pile up; looked up by the device the gateway authenticated, then the token is compared. Every change is
 * broadcast (TerminalAccessChanged) once written, for the gateways' caches of authenticated sessions.
 */
@Injectable()
export class TerminalSessions implements OnModuleInit {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.documents.ensureCollections([terminalSessionsCollection]);
  }

  /** A new session of the account on the device, replacing the one it had; its token is shown once. */
  async open(device: TerminalDevice, account: { accountId: string; role: Role }, now: Date): Promise<{ token: string; record: TerminalSessionRecord }> {
    const token = `${TOKEN_PREFIX}${newOpaqueToken()}`;
    const record: TerminalSessionRecord = {
      organisationId: device.organisationId,
      workplaceId: device.workplaceId,
      accountId: account.accountId,
      role: account.role,
      tokenHash: hashOpaqueToken(token),
      openedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + TTL_MS).toISOString(),
    };
    await this.documents.collection(terminalSessionsCollection).upsert(device.credentialId, record);
    await this.changed(device.organisationId);
    return { token, record };
  }

  /** The device's live session that `token` opens; null when there is none, it expired or the token is not its. */
  async find(device: TerminalDevice, token: string, now: Date): Promise<TerminalSessionRecord | null> {
    const record = (await this.documents.collection(terminalSessionsCollection).get(device.credentialId))?.data;
    if (!record || !sameHash(record.tokenHash, hashOpaqueToken(token))) return null;
    if (record.organisationId !== device.organisationId || record.workplaceId !== device.workplaceId) return null;
    return Date.parse(record.expiresAt) > now.getTime() ? record : null;
  }

  /** Ends the device's session. */
  async end(device: TerminalDevice): Promise<void> {
    await this.documents.collection(terminalSessionsCollection).delete(device.credentialId);
    await this.changed(device.organisationId);
  }

  /** Ends the account's sessions on every device (its role changed, or the employee was deleted). */
  async endAllOf(organisationId: string, accountId: string): Promise<void> {
    const sessions = this.documents.collection(terminalSessionsCollection);
    for (const id of await idsWhere(sessions, { accountId })) await sessions.delete(id);
    await this.changed(organisationId);
  }

  private async changed(organisationId: string): Promise<void> {
    const note: TerminalAccessChanged = { organisationId };
    await this.bus.broadcast(IdentitySubjects.TerminalAccessChanged, note);
  }
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
