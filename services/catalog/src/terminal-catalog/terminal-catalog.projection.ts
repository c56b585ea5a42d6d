import {
  CategoryEvents,
  ProductEvents,
  UnitEvents,
  catalogFeedKey,
  type CategoryAdded,
  type ProductAdded,
  type UnitAdded,
} from '@elk/contracts';
import { defineCollection, documentProjection } from '@elk/documents';
import { checkpointOf, type LogEvent } from '@elk/eventstore';
import { parseEvent } from '@elk/service-kit';

/** A unit, category or product as its last event left it; `fields` null once deleted (a tombstone). */
export type TerminalCatalogChange =
  | { organisationId: string; kind: 'unit'; id: string; fields: Pick<UnitAdded, 'name' | 'shortName' | 'ffdCode'> | null }
  | { organisationId: string; kind: 'category'; id: string; fields: Pick<CategoryAdded, 'name' | 'parentId'> | null }
  | { organisationId: string; kind: 'product'; id: string; fields: Omit<ProductAdded, 'organisationId' | 'productId' | 'addedAt'> | null };

export type TerminalCatalogEntry = TerminalCatalogChange & { position: string };

/**
 * The terminals' change feed: one entry per unit, category and product the organisation ever had, at `position`, the
 * log position (catalogFeedKey) of the event that last changed it. The runner applies events in log order and each
 * batch in one transaction under the projection's lock, so the entries a reader sees are always a prefix of the log:
 * a page read after `position` X misses nothing committed at or before the entries it returns. A rebuild writes the
 * same positions again, so the cursors terminals hold stay valid (docs/decisions/0014-terminal-catalog-feed.md).
 */
export const terminalCatalogCollection = defineCollection<TerminalCatalogEntry>('catalog.terminal-catalog', {
  indexes: [{ fields: ['organisationId', 'position'] }],
});

const FEED_EVENTS = {
  UnitAdded: UnitEvents.UnitAdded,
  UnitUpdated: UnitEvents.UnitUpdated,
  UnitDeleted: UnitEvents.UnitDeleted,
  ...CategoryEvents,
  ...ProductEvents,
};

/** The feed entry an event changes, and what it holds now. */
function changeOf(recorded: LogEvent): TerminalCatalogChange {
  const event = parseEvent(FEED_EVENTS, recorded);
  const { organisationId } = event.data;
  switch (event.type) {
    case 'UnitAdded':
    case 'UnitUpdated': {
      const { unitId, name, shortName, ffdCode } = event.data;
      return { organisationId, kind: 'unit', id: unitId, fields: { name, shortName, ffdCode } };
    }
    case 'CategoryAdded':
    case 'CategoryUpdated': {
      const { categoryId, name, parentId } = event.data;
      return { organisationId, kind: 'category', id: categoryId, fields: { name, parentId } };
    }
    case 'ProductAdded': {
      const { organisationId: _organisationId, productId, addedAt: _addedAt, ...fields } = event.data;
      return { organisationId, kind: 'product', id: productId, fields };
    }
    case 'ProductUpdated': {
      const { organisationId: _organisationId, productId, updatedAt: _updatedAt, ...fields } = event.data;
      return { organisationId, kind: 'product', id: productId, fields };
    }
    case 'UnitDeleted':
      return { organisationId, kind: 'unit', id: event.data.unitId, fields: null };
    case 'CategoryDeleted':
      return { organisationId, kind: 'category', id: event.data.categoryId, fields: null };
    case 'ProductDeleted':
      return { organisationId, kind: 'product', id: event.data.productId, fields: null };
  }
}

export const terminalCatalogProjection = documentProjection<TerminalCatalogEntry>({
  name: 'catalog.terminal-catalog.v1',
  collection: terminalCatalogCollection,
  handles: Object.keys(FEED_EVENTS),
  documentId: (recorded) => {
    const { kind, id } = changeOf(recorded);
    return `${kind}-${id}`;
  },
  evolve: (_current, recorded) => {
    return { ...changeOf(recorded), position: catalogFeedKey(checkpointOf(recorded)) };
  },
});
