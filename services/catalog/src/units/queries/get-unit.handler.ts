import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Actor, type GetUnit, type UnitView } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, organisationDocument } from '@elk/service-kit';
import { UNIT_NOT_FOUND_MESSAGE } from '../unit.decider';
import { unitsCollection } from './unit-list.projection';

@Injectable()
export class GetUnitHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** Another organisation's unit does not exist for the actor. */
  async execute(query: GetUnit, actor: Actor): Promise<UnitView> {
    const unit = await organisationDocument<UnitView>(this.documents, unitsCollection, actor.organisationId, query.unitId);
    if (!unit) throw new DomainError('NOT_FOUND', UNIT_NOT_FOUND_MESSAGE);
    return unit;
  }
}
