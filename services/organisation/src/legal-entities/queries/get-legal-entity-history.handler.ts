import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { DomainError, type Actor, type GetLegalEntity, type History, type HistoryEntry, GetLegalEntityHistory, OrganisationSubjects } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import type { MessageBus } from '@elk/messaging';
import { EVENT_STORE, MESSAGE_BUS, recordHistory, withActorNames, BusPayload, BusActor, type BusHandlerContext } from '@elk/service-kit';
import { legalEntitiesStreamId, legalEntityDecider, NOT_FOUND_MESSAGE, type LegalEntityRecord } from '../legal-entity.decider';
import { ORGANISATION_QUEUE } from '../../organisation.queue';

const ACTIONS = { LegalEntityAdded: 'created', LegalEntityUpdated: 'updated', LegalEntityDeleted: 'deleted' } as const;
/** The token's value is never shown, not even masked: only that it changed. */
const TOKEN_CHANGED = 'изменён';
const TOKEN_REMOVED = 'удалён';

@Controller()
export class GetLegalEntityHistoryHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  /** «История изменений» from the organisation's legal-entities stream, oldest first. */
  @MessagePattern(OrganisationSubjects.GetLegalEntityHistory, { queue: ORGANISATION_QUEUE })
  async execute(@BusPayload(GetLegalEntityHistory) query: GetLegalEntity, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<History> {
    const { events } = await this.eventStore.readStream(legalEntitiesStreamId(actor.organisationId));
    const drafts = recordHistory(events, {
      decider: legalEntityDecider,
      recordIn: (state) => withTokenCiphertext(state.entities[query.legalEntityId]),
      actionOf: (event) => (event.data.legalEntityId === query.legalEntityId ? ACTIONS[event.type] : null),
      tracked: ['type', 'name', 'inn', 'kpp', 'ogrn', 'legalAddress', 'taxSystem', 'chestnyZnakToken'],
    });
    if (drafts.length === 0) throw new DomainError('NOT_FOUND', NOT_FOUND_MESSAGE);
    return withActorNames(this.bus, drafts.map((draft) => ({ ...draft, changes: draft.changes.map(hidingToken) })), actor, context);
  }
}

/** The record with its token as the bare ciphertext (undefined when there is none), so that a new token counts as a change. */
function withTokenCiphertext(record: LegalEntityRecord | undefined) {
  return record && { ...record, chestnyZnakToken: record.chestnyZnakToken?.ciphertext };
}

function hidingToken(change: HistoryEntry['changes'][number]): HistoryEntry['changes'][number] {
  return change.field === 'chestnyZnakToken' ? { field: change.field, from: null, to: change.to ? TOKEN_CHANGED : TOKEN_REMOVED } : change;
}
