import { DomainError, parseListSort, type ListQuery } from '@elk/contracts';
import { InvalidDocumentQueryError, type CollectionDefinition, type DocumentStore, type SortField, type ValuesPage, type WhereClause } from '@elk/documents';

const invalidCursor = () => new DomainError('VALIDATION_FAILED', 'Проверьте введённые данные', [{ path: 'cursor', message: 'Неверный курсор: начните список сначала' }]);

/** A page of a list query: `{ items, total, nextCursor }`. */
export interface ListPage<V> {
  items: V[];
  total: number;
  /** Present (true) when counting stopped at `countUpTo`. */
  totalCapped?: boolean;
  nextCursor: string | null;
}

export interface ListPageOptions {
  where?: WhereClause;
  /** The list's own order, when the query asks for none: by `name` unless told. */
  defaultSort?: readonly SortField[];
  /** As FindOptions: false counts nothing (a reader of every page, an export); `countUpTo` caps the count. */
  count?: boolean;
  countUpTo?: number;
  /** As FindOptions: the list's columns, when its documents hold much more (the items then hold only these). */
  fields?: readonly string[];
}

/**
 * One page of an organisation's documents in the query's `sort` (`name` or `-name`, checked by the list's contract
 * schema) or the list's own order, `search` over the collection's search fields; the `organisationId` kept on each
 * document for scoping is left out of the items. A cursor the store cannot read is a field error on `cursor`.
 */
export async function organisationListPage<V>(
  documents: DocumentStore,
  collection: CollectionDefinition<V & { organisationId: string }>,
  organisationId: string,
  query: ListQuery & { sort?: string | undefined },
  { where = {}, defaultSort = [{ field: 'name' }], count, countUpTo, fields }: ListPageOptions = {},
): Promise<ListPage<V>> {
  try {
    const page = await documents.collection(collection).find({
      where: { ...where, organisationId },
      search: query.search,
      sort: query.sort ? [parseListSort(query.sort)] : defaultSort,
      limit: query.limit,
      cursor: query.cursor,
      count,
      countUpTo,
      fields,
    });
    return {
      items: page.items.map(({ data: { organisationId: _organisationId, ...view } }) => view as V),
      total: page.total,
      ...(page.totalCapped ? { totalCapped: true } : {}),
      nextCursor: page.nextCursor,
    };
  } catch (error) {
    throw error instanceof InvalidDocumentQueryError ? invalidCursor() : error;
  }
}

/**
 * A page of an organisation's documents as the arrays of their `values` (an export's rows, `findValues`): `limit` of
 * them after `cursor` in `sort`. A cursor the store cannot read is a field error on `cursor`, as for a list page.
 */
export async function organisationValuesPage(
  documents: DocumentStore,
  collection: CollectionDefinition<{ organisationId: string }>,
  organisationId: string,
  { where, sort, limit, cursor, values }: { where: WhereClause; sort: readonly SortField[]; limit: number; cursor: string | undefined; values: readonly string[] },
): Promise<ValuesPage> {
  try {
    return await documents.collection(collection).findValues({ where: { ...where, organisationId }, sort, limit, cursor, values });
  } catch (error) {
    throw error instanceof InvalidDocumentQueryError ? invalidCursor() : error;
  }
}

/** The organisation's document by id, without its `organisationId`; another organisation's does not exist (null). */
export async function organisationDocument<V>(
  documents: DocumentStore,
  collection: CollectionDefinition<V & { organisationId: string }>,
  organisationId: string,
  id: string,
): Promise<V | null> {
  const document = await documents.collection(collection).get(id);
  if (!document || document.data.organisationId !== organisationId) return null;
  const { organisationId: _organisationId, ...view } = document.data;
  return view as V;
}
