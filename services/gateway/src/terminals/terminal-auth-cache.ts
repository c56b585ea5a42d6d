import { createHash } from 'node:crypto';
import { TERMINAL_ACCESS_CHANGED_ANYWHERE, TerminalAccessChanged, type TerminalDevice, type TerminalSession } from '@elk/contracts';
import type { Closeable, MessageBus } from '@elk/messaging';
import { MESSAGE_BUS } from '@elk/service-kit';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway.options';

/** A terminal and its cashier's session as devices and identity recognised them, with what the session allows. */
export interface TerminalAuthentication {
  device: TerminalDevice;
  session: TerminalSession;
}

export const DEFAULT_TERMINAL_AUTH_TTL_MS = 30_000;
export const DEFAULT_TERMINAL_AUTH_MAX_ENTRIES = 10_000;
const DROPPED_ORGANISATIONS_REMEMBERED = 10_000;

/**
 * What authenticating a (device credential, session token) pair yielded, so that a terminal's steady stream of pushes
 * asks the services nothing but the push itself (`docs/decisions/0017-terminal-auth-cache.md`).
 * - Keyed by a SHA-256 of both secrets: the cache holds neither, and a key taken from it opens nothing.
 * - At most `maxEntries` (the least recently used go first), each for at most `ttlMs` and never past the shift's end.
 * - An organisation's entries are dropped whenever its terminals' access may have changed: on TerminalAccessChanged,
 *   which devices and identity broadcast once the change is what they answer, and at once when the change passed
 *   through this gateway (a cabinet command, the terminal's own log-in or log-out). The TTL bounds what a lost
 *   broadcast can let through.
 * - An answer fetched while its organisation was dropped is not kept: it may predate the change that dropped it.
 *   Other organisations' drops do not count (with many merchants some organisation is always being dropped).
 */
@Injectable()
export class TerminalAuthCache implements OnModuleInit, OnModuleDestroy {
  private readonly ttlMs: number;
  /** Each entry lives the TTL, or until the end of the cashier's shift if sooner. */
  private readonly entries: LRUCache<string, TerminalAuthentication>;
  private drops = 0;
  /** The count of drops at each organisation's last drop, for the most recently dropped organisations… */
  private readonly droppedAt = new LRUCache<string, number>({
    max: DROPPED_ORGANISATIONS_REMEMBERED,
    dispose: (stamp) => (this.forgottenUpTo = Math.max(this.forgottenUpTo, stamp)),
  });
  /** …and the latest stamp forgotten: an answer fetched since then is not kept, whatever its organisation. */
  private forgottenUpTo = 0;
  private listening?: Closeable;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(GATEWAY_OPTIONS) options: GatewayOptions,
  ) {
    this.ttlMs = options.terminalAuthCache?.ttlMs ?? DEFAULT_TERMINAL_AUTH_TTL_MS;
    this.entries = new LRUCache({ max: options.terminalAuthCache?.maxEntries ?? DEFAULT_TERMINAL_AUTH_MAX_ENTRIES });
  }

  async onModuleInit(): Promise<void> {
    this.listening = await this.bus.listen(TERMINAL_ACCESS_CHANGED_ANYWHERE, (data) => this.dropOrganisation(TerminalAccessChanged.parse(data).organisationId));
  }

  async onModuleDestroy(): Promise<void> {
    await this.listening?.close();
  }

  keyOf(credential: string, token: string): string {
    return createHash('sha256').update(credential).update('\n').update(token).digest('base64url');
  }

  get(key: string): TerminalAuthentication | undefined {
    return this.entries.get(key);
  }

  /** Take it before asking the services; `store` keeps their answer only if its organisation was not dropped since. */
  get generation(): number {
    return this.drops;
  }

  store(key: string, authentication: TerminalAuthentication, generation: number): void {
    const ttl = Math.min(this.ttlMs, Date.parse(authentication.session.expiresAt) - Date.now());
    const droppedSince = Math.max(this.droppedAt.get(authentication.device.organisationId) ?? 0, this.forgottenUpTo) > generation;
    if (droppedSince || ttl <= 0) return;
    this.entries.set(key, authentication, { ttl });
  }

  dropOrganisation(organisationId: string): void {
    this.drops += 1;
    this.droppedAt.set(organisationId, this.drops);
    const dropped = [...this.entries.entries()].filter(([, entry]) => entry.device.organisationId === organisationId);
    for (const [key] of dropped) this.entries.delete(key);
  }
}
