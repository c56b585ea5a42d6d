import { createHash } from 'node:crypto';
import { TERMINAL_ACCESS_CHANGED_ANYWHERE, TerminalAccessChanged, type TerminalDevice, type TerminalSession } from '@elk/contracts';
import type { Closeable, MessageBus } from '@elk/messaging';
import { MESSAGE_BUS } from '@elk/service-kit';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway.options';

/** A terminal and its cashier's session as devices and identity recognised them, with what the session allows. */
export interface TerminalAuthentication {
  device: TerminalDevice;
  session: TerminalSession;
}

interface Entry extends TerminalAuthentication {
  /** Date.now() past which the entry is not used: the TTL, or the end of the cashier's shift if sooner. */
  expiresAt: number;
}

export const DEFAULT_TERMINAL_AUTH_TTL_MS = 30_000;
export const DEFAULT_TERMINAL_AUTH_MAX_ENTRIES = 10_000;

/**
 * What authenticating a (device credential, session token) pair yielded, so that a terminal's steady stream of pushes
 * asks the services nothing but the push itself (`docs/decisions/0017-terminal-auth-cache.md`).
 * - Keyed by a SHA-256 of both secrets: the cache holds neither, and a key taken from it opens nothing.
 * - At most `maxEntries` (the least recently used go first), each for at most `ttlMs` and never past the shift's end.
 * - An organisation's entries are dropped whenever its terminals' access may have changed: on TerminalAccessChanged,
 *   which devices and identity broadcast once the change is what they answer, and at once when the change passed
 *   through this gateway (a cabinet command, the terminal's own log-in or log-out). The TTL bounds what a lost
 *   broadcast can let through.
 * - An answer fetched while something was dropped is not kept: it may predate the change that dropped it.
 */
@Injectable()
export class TerminalAuthCache implements OnModuleInit, OnModuleDestroy {
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  /** In order of last use, the least recent first (a Map iterates in insertion order). */
  private readonly entries = new Map<string, Entry>();
  private drops = 0;
  private listening?: Closeable;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(GATEWAY_OPTIONS) options: GatewayOptions,
  ) {
    this.ttlMs = options.terminalAuthCache?.ttlMs ?? DEFAULT_TERMINAL_AUTH_TTL_MS;
    this.maxEntries = options.terminalAuthCache?.maxEntries ?? DEFAULT_TERMINAL_AUTH_MAX_ENTRIES;
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
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= Date.now()) return undefined;
    this.entries.set(key, entry);
    return { device: entry.device, session: entry.session };
  }

  /** Take it before asking the services; `store` keeps their answer only if nothing was dropped since. */
  get generation(): number {
    return this.drops;
  }

  store(key: string, authentication: TerminalAuthentication, generation: number): void {
    if (generation !== this.drops || this.ttlMs <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { ...authentication, expiresAt: Math.min(Date.now() + this.ttlMs, Date.parse(authentication.session.expiresAt)) });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
  }

  dropOrganisation(organisationId: string): void {
    this.drops += 1;
    for (const [key, entry] of this.entries) if (entry.device.organisationId === organisationId) this.entries.delete(key);
  }
}
