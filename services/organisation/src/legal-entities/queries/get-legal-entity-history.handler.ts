import { Inject, Injectable } from '@nestjs/common';
import {
  AccountView,
  DomainError,
  HEADER_CORRELATION_ID,
  IdentitySubjects,
  actorHeaders,
  type Actor,
  type GetLegalEntity,
  type History,
  type HistoryEntry,
} from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import type { MessageBus } from '@elk/messaging';
import { EVENT_STORE, MESSAGE_BUS, parseEvent, type BusHandlerContext } from '@elk/service-kit';
import { legalEntitiesStreamId, legalEntityDecider, NOT_FOUND_MESSAGE, type LegalEntityEvent, type LegalEntityRecord } from '../legal-entity.decider';

const TRACKED = ['type', 'name', 'inn', 'kpp', 'ogrn', 'legalAddress', 'taxSystem'] as const;
/** The token's value is never shown, not even masked: only that it changed. */
const TOKEN_CHANGED = 'изменён';
const TOKEN_REMOVED = 'удалён';

@Injectable()
export class GetLegalEntityHistoryHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  /** «История изменений» from the organisation's legal-entities stream, oldest first. */
  async execute(query: GetLegalEntity, actor: Actor, context: BusHandlerContext): Promise<History> {
    const { events } = await this.eventStore.readStream(legalEntitiesStreamId(actor.organisationId));
    const entries: Array<Omit<HistoryEntry, 'actor'> & { accountId: string }> = [];
    let state = legalEntityDecider.initialState;
    for (const recorded of events) {
      const event = parseEvent(legalEntityDecider.events, recorded) as LegalEntityEvent;
      const before = state.entities[query.legalEntityId];
      state = legalEntityDecider.evolve(state, event);
      if (event.data.legalEntityId !== query.legalEntityId) continue;
      const after = state.entities[query.legalEntityId]!;
      const at = recorded.recordedAt.toISOString();
      const accountId = recorded.metadata.actor;
      if (event.type === 'LegalEntityAdded') entries.push({ at, accountId, action: 'created', changes: changesBetween(undefined, after) });
      else if (event.type === 'LegalEntityUpdated') entries.push({ at, accountId, action: 'updated', changes: changesBetween(before, after) });
      else entries.push({ at, accountId, action: 'deleted', changes: [] });
    }
    if (entries.length === 0) throw new DomainError('NOT_FOUND', NOT_FOUND_MESSAGE);

    const names = await this.fullNames([...new Set(entries.map((entry) => entry.accountId))], actor, context);
    return { items: entries.map(({ accountId, ...entry }) => ({ ...entry, actor: { accountId, fullName: names.get(accountId) ?? null } })) };
  }

  /** Full names from identity; one that cannot be had (a device, identity away) stays null. */
  private async fullNames(accountIds: string[], actor: Actor, context: BusHandlerContext): Promise<Map<string, string>> {
    const correlationId = context.headers[HEADER_CORRELATION_ID] ?? 'history';
    const found = await Promise.all(
      accountIds.map(async (accountId) => {
        try {
          const account = AccountView.parse(await this.bus.request(IdentitySubjects.GetAccount, { accountId }, { headers: actorHeaders(actor, correlationId), timeoutMs: 2_000 }));
          return [accountId, account.fullName] as const;
        } catch {
          return null;
        }
      }),
    );
    return new Map(found.filter((entry) => entry !== null));
  }
}

function changesBetween(before: LegalEntityRecord | undefined, after: LegalEntityRecord): HistoryEntry['changes'] {
  const changes: HistoryEntry['changes'] = TRACKED.filter((field) => before?.[field] !== after[field]).map((field) => ({
    field,
    from: before ? before[field] : null,
    to: after[field],
  }));
  if ((before?.chestnyZnakToken?.ciphertext ?? null) !== (after.chestnyZnakToken?.ciphertext ?? null)) {
    changes.push({ field: 'chestnyZnakToken', from: null, to: after.chestnyZnakToken ? TOKEN_CHANGED : TOKEN_REMOVED });
  }
  return changes;
}
