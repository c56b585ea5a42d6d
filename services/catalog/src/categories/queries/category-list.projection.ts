import { CategoryEvents, type CategoryView } from '@elk/contracts';
import { defineCollection, documentProjection } from '@elk/documents';
import { parseEvent } from '@elk/service-kit';

export type CategoryDocument = CategoryView & { organisationId: string };

export const categoriesCollection = defineCollection<CategoryDocument>('catalog.categories', {
  indexes: [{ fields: ['organisationId', 'name'] }, { fields: ['organisationId', 'parentId'] }],
  searchFields: ['name'],
});

/** Каталог → Категории: one document per live category, the tree by `parentId`. */
export const categoryListProjection = documentProjection<CategoryDocument>({
  name: 'catalog.categories.v1',
  collection: categoriesCollection,
  handles: Object.keys(CategoryEvents),
  documentId: (recorded) => parseEvent(CategoryEvents, recorded).data.categoryId,
  evolve: (current, recorded) => {
    const event = parseEvent(CategoryEvents, recorded);
    switch (event.type) {
      case 'CategoryAdded': {
        const { categoryId, addedAt, ...fields } = event.data;
        return { ...fields, id: categoryId, version: 1, createdAt: addedAt, updatedAt: addedAt };
      }
      case 'CategoryUpdated': {
        if (!current) return null;
        const { categoryId, updatedAt, ...fields } = event.data;
        return { ...current, ...fields, id: categoryId, version: current.version + 1, updatedAt };
      }
      case 'CategoryDeleted':
        return null;
    }
  },
});
