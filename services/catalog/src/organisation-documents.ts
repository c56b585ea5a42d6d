import { MAX_FIND_LIMIT, type CollectionDefinition, type DocumentStore, type WhereClause } from '@elk/documents';

/** Every document of the organisation's in a collection that matches `where`, page by page. */
export async function allOrganisationDocuments<T extends { organisationId: string }>(
  documents: DocumentStore,
  collection: CollectionDefinition<T>,
  organisationId: string,
  where: WhereClause = {},
): Promise<T[]> {
  const found: T[] = [];
  for (let cursor: string | null = null; ; ) {
    const page = await documents.collection(collection).find({ where: { ...where, organisationId }, limit: MAX_FIND_LIMIT, cursor });
    found.push(...page.items.map((item) => item.data));
    cursor = page.nextCursor;
    if (cursor === null) return found;
  }
}
