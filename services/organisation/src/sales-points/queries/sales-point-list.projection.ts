import { LegalEntityEvents, SalesPointEvents, type SalesPointView } from '@elk/contracts';
import { defineCollection, hasApplied, oneEventAtATime, type DocumentSession, type Projection } from '@elk/documents';
import { checkpointOf, type LogEvent } from '@elk/eventstore';
import { parseEvent } from '@elk/service-kit';

/** The card as the list shows it, with the legal entity's name denormalised. */
export type SalesPointDocument = SalesPointView & { organisationId: string };

export const salesPointsCollection = defineCollection<SalesPointDocument>('organisation.sales-points', {
  indexes: [{ fields: ['organisationId', 'name'] }, { fields: ['organisationId', 'legalEntityId'] }],
  searchFields: ['name', 'address'],
});

/** The legal entities' names, only for this projection: a new sales point takes its legal entity's name from here. */
export interface LegalEntityNameDocument {
  organisationId: string;
  name: string;
}
export const salesPointLegalEntitiesCollection = defineCollection<LegalEntityNameDocument>('organisation.sales-points-legal-entities');

const SALES_POINT_EVENTS = Object.keys(SalesPointEvents);

async function applyLegalEntityEvent(recorded: LogEvent, session: DocumentSession): Promise<void> {
  const event = parseEvent(LegalEntityEvents, recorded);
  const names = session.collection(salesPointLegalEntitiesCollection);
  const checkpoint = checkpointOf(recorded);
  const { organisationId, legalEntityId } = event.data;
  const current = await names.get(legalEntityId);
  if (hasApplied(current, checkpoint)) return;
  if (event.type === 'LegalEntityDeleted') {
    if (current) await names.delete(legalEntityId);
    return;
  }
  await names.upsert(legalEntityId, { organisationId, name: event.data.name }, { checkpoint });
  if (event.type !== 'LegalEntityUpdated' || current?.data.name === event.data.name) return;
  // A renamed legal entity: every sales point of the organisation that uses it shows the new name.
  const points = session.collection(salesPointsCollection);
  let cursor: string | undefined;
  do {
    const page = await points.find({ where: { organisationId, legalEntityId }, limit: 500, cursor });
    for (const point of page.items) {
      if (hasApplied(point, checkpoint)) continue;
      await points.upsert(point.id, { ...point.data, legalEntityName: event.data.name }, { checkpoint });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

async function applySalesPointEvent(recorded: LogEvent, session: DocumentSession): Promise<void> {
  const event = parseEvent(SalesPointEvents, recorded);
  const points = session.collection(salesPointsCollection);
  const { salesPointId } = event.data;
  const current = await points.get(salesPointId);
  const checkpoint = checkpointOf(recorded);
  if (hasApplied(current, checkpoint)) return;
  const legalEntityName = async (legalEntityId: string) => (await session.collection(salesPointLegalEntitiesCollection).get(legalEntityId))?.data.name ?? '';
  switch (event.type) {
    case 'SalesPointAdded': {
      const { salesPointId: id, addedAt, ...fields } = event.data;
      const document: SalesPointDocument = { ...fields, id, version: 1, legalEntityName: await legalEntityName(fields.legalEntityId), createdAt: addedAt, updatedAt: addedAt };
      await points.upsert(id, document, { checkpoint });
      return;
    }
    case 'SalesPointUpdated': {
      if (!current) return;
      const { salesPointId: id, updatedAt, ...fields } = event.data;
      const name = fields.legalEntityId === current.data.legalEntityId ? current.data.legalEntityName : await legalEntityName(fields.legalEntityId);
      await points.upsert(id, { ...current.data, ...fields, legalEntityName: name, version: current.data.version + 1, updatedAt }, { checkpoint });
      return;
    }
    case 'SalesPointPaymentMethodsSet': {
      if (!current) return;
      const { paymentMethods, setAt } = event.data;
      await points.upsert(salesPointId, { ...current.data, paymentMethods, version: current.data.version + 1, updatedAt: setAt }, { checkpoint });
      return;
    }
    case 'SalesPointDeleted':
      if (current) await points.delete(salesPointId);
      return;
  }
}

/**
 * The sales points list (one document per sales point). It also follows the legal entities, so that the name shown
 * stays the legal entity's current one when it is renamed.
 */
export const salesPointListProjection: Projection = {
  name: 'organisation.sales-points.v1',
  collections: [salesPointsCollection, salesPointLegalEntitiesCollection],
  handles: [...Object.keys(LegalEntityEvents), ...SALES_POINT_EVENTS],
  apply: oneEventAtATime(async (recorded, session) => {
    if (SALES_POINT_EVENTS.includes(recorded.type)) await applySalesPointEvent(recorded, session);
    else await applyLegalEntityEvent(recorded, session);
  }),
};
