import { AccountView, ChangeOrigin, HEADER_CORRELATION_ID, IdentitySubjects, actorHeaders, type Actor, type History, type HistoryEntry } from '@elk/contracts';
import type { RecordedEvent } from '@elk/eventstore';
import type { MessageBus } from '@elk/messaging';
import type { BusHandlerContext } from './bus-transport';
import { parseEvent, type Decider, type DomainEvent } from './command-handler';

/** A history entry before the actor's full name is looked up. */
export type HistoryDraft = Omit<HistoryEntry, 'actor'> & { accountId: string };

/** `{ field, from, to }` for each tracked field whose value differs (compared by value, so arrays and objects too). */
export function changesBetween<R, F extends keyof R & string>(before: R | undefined, after: R, fields: readonly F[]): HistoryEntry['changes'] {
  return fields
    .filter((field) => JSON.stringify(before?.[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, from: before ? before[field] : null, to: after[field] }));
}

export interface RecordHistoryOptions<C, E extends DomainEvent, S, R> {
  /** The decider of the stream: its events are folded into state to compare each record before and after. */
  decider: Decider<C, E, S>;
  /** The record the history is about, in a state (undefined before it exists). */
  recordIn(state: S): R | undefined;
  /** What the event did to the record; null for events about other records. */
  actionOf(event: E): HistoryEntry['action'] | null;
  /** The fields whose changes are listed. */
  tracked: readonly (keyof R & string)[];
}

/**
 * «История изменений» of one record of a stream, oldest first: the stream folded event by event, with the tracked
 * fields that changed (none for a delete). Empty when the record never existed.
 */
export function recordHistory<C, E extends DomainEvent, S, R>(events: readonly RecordedEvent[], options: RecordHistoryOptions<C, E, S, R>): HistoryDraft[] {
  const drafts: HistoryDraft[] = [];
  let state = options.decider.initialState;
  for (const recorded of events) {
    const event = parseEvent(options.decider.events, recorded) as E;
    const before = options.recordIn(state);
    state = options.decider.evolve(state, event);
    const action = options.actionOf(event);
    const after = options.recordIn(state);
    if (action === null || after === undefined) continue;
    const changes = action === 'deleted' ? [] : changesBetween(action === 'created' ? undefined : before, after, options.tracked);
    const origin = ChangeOrigin.safeParse(recorded.metadata.origin);
    drafts.push({ at: recorded.recordedAt.toISOString(), accountId: recorded.metadata.actor, action, changes, ...(origin.success ? { origin: origin.data } : {}) });
  }
  return drafts;
}

/** «История изменений» with the actors' full names from identity; one that cannot be had (a device, the system, identity away) stays null. */
export async function withActorNames(bus: MessageBus, drafts: HistoryDraft[], actor: Actor, context: BusHandlerContext): Promise<History> {
  const correlationId = context.headers[HEADER_CORRELATION_ID] ?? 'history';
  const found = await Promise.all(
    [...new Set(drafts.map((draft) => draft.accountId))].map(async (accountId) => {
      try {
        const account = AccountView.parse(await bus.request(IdentitySubjects.GetAccount, { accountId }, { headers: actorHeaders(actor, correlationId), timeoutMs: 2_000 }));
        return [accountId, account.fullName] as const;
      } catch {
        return null;
      }
    }),
  );
  const names = new Map(found.filter((entry) => entry !== null));
  return { items: drafts.map(({ accountId, ...entry }) => ({ ...entry, actor: { accountId, fullName: names.get(accountId) ?? null } })) };
}
