import { AccountView, HEADER_CORRELATION_ID, IdentitySubjects, actorHeaders, type Actor, type History, type HistoryEntry } from '@elk/contracts';
import type { MessageBus } from '@elk/messaging';
import type { BusHandlerContext } from '@elk/service-kit';

/** A history entry before the actor's full name is looked up. */
export type HistoryDraft = Omit<HistoryEntry, 'actor'> & { accountId: string };

/** `{ field, from, to }` for each tracked field whose value differs (compared by value, so arrays and objects too). */
export function changesBetween<R, F extends keyof R & string>(before: R | undefined, after: R, fields: readonly F[]): HistoryEntry['changes'] {
  return fields
    .filter((field) => JSON.stringify(before?.[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, from: before ? before[field] : null, to: after[field] }));
}

/** «История изменений» with the actors' full names from identity; one that cannot be had (a device, identity away) stays null. */
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
