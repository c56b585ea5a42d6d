import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Actor, type GetLegalEntity, type History, type HistoryEntry } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import type { MessageBus } from '@elk/messaging';
import { EVENT_STORE, MESSAGE_BUS, parseEvent, type BusHandlerContext } from '@elk/service-kit';
import { changesBetween, withActorNames, type HistoryDraft } from '../../shared/history';
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
    const entries: HistoryDraft[] = [];
    let state = legalEntityDecider.initialState;
    for (const recorded of events) {
      const event = parseEvent(legalEntityDecider.events, recorded) as LegalEntityEvent;
      const before = state.entities[query.legalEntityId];
      state = legalEntityDecider.evolve(state, event);
      if (event.data.legalEntityId !== query.legalEntityId) continue;
      const after = state.entities[query.legalEntityId]!;
      const at = recorded.recordedAt.toISOString();
      const accountId = recorded.metadata.actor;
      if (event.type === 'LegalEntityAdded') entries.push({ at, accountId, action: 'created', changes: legalEntityChanges(undefined, after) });
      else if (event.type === 'LegalEntityUpdated') entries.push({ at, accountId, action: 'updated', changes: legalEntityChanges(before, after) });
      else entries.push({ at, accountId, action: 'deleted', changes: [] });
    }
    if (entries.length === 0) throw new DomainError('NOT_FOUND', NOT_FOUND_MESSAGE);

    return withActorNames(this.bus, entries, actor, context);
  }
}

function legalEntityChanges(before: LegalEntityRecord | undefined, after: LegalEntityRecord): HistoryEntry['changes'] {
  const changes = changesBetween(before, after, TRACKED);
  if ((before?.chestnyZnakToken?.ciphertext ?? null) !== (after.chestnyZnakToken?.ciphertext ?? null)) {
    changes.push({ field: 'chestnyZnakToken', from: null, to: after.chestnyZnakToken ? TOKEN_CHANGED : TOKEN_REMOVED });
  }
  return changes;
}
