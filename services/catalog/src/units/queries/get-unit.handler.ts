import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DomainError, type Actor, GetUnit, type UnitView, CatalogSubjects } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, organisationDocument, BusPayload, BusActor } from '@elk/service-kit';
import { UNIT_NOT_FOUND_MESSAGE } from '../unit.decider';
import { unitOf, unitsCollection, type UnitDocument } from './unit-list.projection';
import { CATALOG_QUEUE } from '../../catalog.queue';

@Controller()
export class GetUnitHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** Another organisation's unit does not exist for the actor. */
  @MessagePattern(CatalogSubjects.GetUnit, { queue: CATALOG_QUEUE })
  async execute(@BusPayload(GetUnit) query: GetUnit, @BusActor() actor: Actor): Promise<UnitView> {
    const unit = await organisationDocument<Omit<UnitDocument, 'organisationId'>>(this.documents, unitsCollection, actor.organisationId, query.unitId);
    if (!unit) throw new DomainError('NOT_FOUND', UNIT_NOT_FOUND_MESSAGE);
    return unitOf(unit);
  }
}
