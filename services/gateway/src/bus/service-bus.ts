import { actorHeaders, HEADER_CORRELATION_ID, type Actor } from '@elk/contracts';
import type { MessageBus } from '@elk/messaging';
import { MESSAGE_BUS } from '@elk/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { GATEWAY_OPTIONS, DEFAULT_BUS_TIMEOUT_MS, type GatewayOptions } from '../gateway.options';
import { TerminalAuthCache } from '../terminals/terminal-auth-cache';

export interface Caller {
  correlationId: string;
  /** The verified actor; absent for anonymous calls (sign-up, log-in, password reset). */
  actor?: Actor;
  /** For the few requests that take longer than the gateway's usual timeout. */
  timeoutMs?: number;
  /** Added to the usual timeout, for a request whose work grows with its size (a terminal's push of many events). */
  extraTimeoutMs?: number;
}

/** A service's reply that does not fit its contract: a bug on one side, answered as 500. */
class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
  constructor(subject: string, cause: z.ZodError) {
    super(`The reply on ${subject} does not match its contract`, { cause });
  }
}

/**
 * The gateway's way to the services: who acts travels only in headers built from the verified token,
 * and every reply is parsed with its contract schema. Trace context is added by the bus adapter. A command in the
 * name of an organisation's user (the cabinet's) may change what its terminals are allowed: once it is answered (or
 * failed: a timeout may have done it all the same), their cached authentications are dropped.
 */
@Injectable()
export class ServiceBus {
  private readonly timeoutMs: number;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(GATEWAY_OPTIONS) options: GatewayOptions,
    private readonly terminalAuth: TerminalAuthCache,
  ) {
    this.timeoutMs = options.busTimeoutMs ?? DEFAULT_BUS_TIMEOUT_MS;
  }

  async request<S extends z.ZodType>(subject: string, payload: unknown, replySchema: S, caller: Caller): Promise<z.output<S>> {
    const headers = caller.actor ? actorHeaders(caller.actor, caller.correlationId) : { [HEADER_CORRELATION_ID]: caller.correlationId };
    const reply = await this.bus.request(subject, payload, { headers, timeoutMs: (caller.timeoutMs ?? this.timeoutMs) + (caller.extraTimeoutMs ?? 0) }).finally(() => {
      if (caller.actor && subject.includes('.cmd.')) this.terminalAuth.dropOrganisation(caller.actor.organisationId);
    });
    const parsed = replySchema.safeParse(reply);
    if (!parsed.success) throw new ContractViolation(subject, parsed.error);
    return parsed.data;
  }
}
