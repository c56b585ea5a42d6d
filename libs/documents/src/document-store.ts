/**
 * The read-model store port: collections of JSON documents keyed by string id. Adapters: PostgreSQL JSONB
 * (`pg`) and embedded PGlite, sharing one SQL dialect (see sql-document-session.ts); later MongoDB.
 *
 * Multi-tenancy is by convention: documents carry `organisationId` and every query filters on it, so
 * declare indexes that start with `organisationId`.
 *
 * Field paths are dot-separated names (`email`, `address.city`); each segment must match
 * FIELD_SEGMENT_PATTERN, so a path taken from a request can never change the SQL around it. A field that is
 * missing and a field that is JSON `null` are the same thing to filters, sorting and unique indexes.
 */
import { compareCheckpoints, type GlobalCheckpoint } from '@elk/eventstore';

export type JsonScalar = string | number | boolean | null;

/** Operators on one field; several in one object are combined with AND, undefined ones ignored. */
export interface FieldOperators {
  eq?: JsonScalar;
  ne?: JsonScalar;
  in?: readonly JsonScalar[];
  gt?: string | number;
  gte?: string | number;
  lt?: string | number;
  lte?: string | number;
  /** true: the field is present and not null; false: missing or null. */
  exists?: boolean;
}

/** A bare scalar means `{ eq: value }`. */
export type FieldCondition = JsonScalar | FieldOperators;

/** Field path → condition; all conditions must hold. An undefined condition is no condition (an absent filter). */
export type WhereClause = Readonly<Record<string, FieldCondition | undefined>>;

export type SortDirection = 'asc' | 'desc';

export interface SortField {
  field: string;
  direction?: SortDirection;
}

export interface FindOptions {
  where?: WhereClause;
  /** Case-insensitive substring over the collection's `searchFields`; blank means no search. */
  search?: string;
  /**
   * Sort keys, the document id always last as tie-breaker. Strings compare by the database collation
   * (byte order on our databases); missing fields sort after present ones ascending, before them descending.
   */
  sort?: readonly SortField[];
  /** Page size, 1..MAX_FIND_LIMIT; DEFAULT_FIND_LIMIT when absent. */
  limit?: number;
  /** `nextCursor` of the previous page, used with the same where/search/sort. */
  cursor?: string | null;
  /** false: no count (`total` is 0), for a reader that pages by a key of its own and needs none (a change feed). */
  count?: boolean;
  /**
   * Count at most this many matches: a list of millions is not counted row by row for its first page. Past it, `total`
   * is this number and `totalCapped` is true.
   */
  countUpTo?: number;
  /**
   * Top-level fields to read of each document (a list's columns) instead of the whole document: less for the database
   * to send and the service to parse when the documents are large. A missing field reads as null.
   */
  fields?: readonly string[];
}

/** `find`'s options for `findValues`: no count (it pages an export) and no `fields` (it reads `values`). */
export interface FindValuesOptions extends Omit<FindOptions, 'count' | 'countUpTo' | 'fields'> {
  /** Paths (`a.b`) of the values to read of each match, in this order; a missing one reads as null. 1..MAX_FIND_FIELDS. */
  values: readonly string[];
}

/** A page of `findValues`: each match as the array of its values. */
export interface ValuesPage {
  rows: unknown[][];
  nextCursor: string | null;
}

export const DEFAULT_FIND_LIMIT = 50;
/** PostgreSQL's jsonb_build_object takes at most 100 arguments: a name and a value per field. */
export const MAX_FIND_FIELDS = 50;
export const MAX_FIND_LIMIT = 1000;

export interface StoredDocument<T> {
  id: string;
  /** 1 after the first write, +1 per write. A missing document has version 0. */
  version: number;
  data: T;
  /** Position of the last event a projection applied to this document (kept by writes without one); null if none. */
  checkpoint: GlobalCheckpoint | null;
}

export interface FindResult<T> {
  items: StoredDocument<T>[];
  /**
   * Documents matching where + search, ignoring limit and cursor: counted for the first page (only when it is not the
   * whole list), then carried by the cursor, so later pages repeat the first page's number.
   */
  total: number;
  /** True when counting stopped at `countUpTo`: there are more matches than `total`. */
  totalCapped?: boolean;
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** 'any' skips the check; 'absent' (or 0) requires no document; a number is the exact current version. */
export type ExpectedDocumentVersion = number | 'absent' | 'any';

export interface UpsertOptions {
  expectedVersion?: ExpectedDocumentVersion;
  /** Recorded on the document as the position of the event that produced this write (projections). */
  checkpoint?: GlobalCheckpoint;
}

export interface DeleteOptions {
  expectedVersion?: number | 'any';
}

export interface IndexDefinition {
  fields: readonly string[];
  unique?: boolean;
  /** Defaults to `<collection>:<fields joined by ','>`; must fit PostgreSQL's 63 bytes. */
  name?: string;
  /**
   * The projection's own `apply` finds documents by this index (documentsWhere on its fields): a rebuild creates it
   * with the new table instead of after the catch-up, where every other index waits, or each of its batches would
   * read the whole table.
   */
  neededWhileRebuilding?: boolean;
}

export interface CollectionOptions {
  indexes?: readonly IndexDefinition[];
  /** Fields `find({ search })` looks in (e.g. full name, email, phone). */
  searchFields?: readonly string[];
  /**
   * Gives each search field a trigram index (PostgreSQL's pg_trgm), so that a search of 3 characters or more reads
   * only the documents that match instead of the whole collection; worth it for collections of many thousands.
   * `ensureCollections` creates the extension; a PGlite must be created with it (see `pgliteDocumentExtensions`).
   * A search of 1 or 2 characters still works, reading every document of the filter as without the indexes.
   */
  indexSearchFields?: boolean;
  /**
   * The JSON type of indexed fields whose values are always of one type (or null, or missing). Such a field's column
   * holds the value typed — text in byte order (the "C" collation), numeric, boolean — instead of jsonb: an index on
   * typed columns is built several times faster (comparing jsonb values is most of a rebuild's index builds) and is
   * smaller. Filtering and sorting mean the same as on jsonb (strings compare in byte order on our databases either
   * way), but a condition's value on such a field must be of its type (or null), and a stored value of another type
   * reads as missing. Only indexed fields may be typed.
   * `uuid`: a string that is always a UUID (ids read from events whose schemas say so), held as PostgreSQL's 16-byte
   * uuid. Its indexes build faster still than on text (a fixed-width leading column: decision 0018), and it compares as
   * lowercase text does; but a document whose field holds a string that is not a UUID cannot be written (the
   * database refuses it), and a condition's value must be a UUID.
   */
  fieldTypes?: Readonly<Record<string, IndexedFieldType>>;
}

/** The JSON type of an indexed field's values (CollectionOptions.fieldTypes). */
export type IndexedFieldType = 'string' | 'number' | 'boolean' | 'uuid';

/** A declared collection. `T` is the document type; it exists only for typing. */
export interface CollectionDefinition<T = unknown> {
  readonly name: string;
  readonly indexes: readonly Required<IndexDefinition>[];
  readonly searchFields: readonly string[];
  /** Names of the trigram indexes on the search fields, in `searchFields` order; empty unless `indexSearchFields`. */
  readonly searchIndexes: readonly string[];
  /** CollectionOptions.fieldTypes: the indexed fields held typed. */
  readonly fieldTypes: Readonly<Record<string, IndexedFieldType>>;
  /** Phantom field carrying `T`; never set. */
  readonly __type?: T;
}

/** One document of an `upsertMany`. */
export interface DocumentWrite<T> {
  id: string;
  data: T;
  /** As UpsertOptions.checkpoint. */
  checkpoint?: GlobalCheckpoint;
}

export interface DocumentCollection<T> {
  get(id: string): Promise<StoredDocument<T> | null>;
  /** The stored documents among `ids`, by id, in one read; ids without a document are left out. */
  getMany(ids: readonly string[]): Promise<Map<string, StoredDocument<T>>>;
  /** Inserts or replaces the whole document. */
  upsert(id: string, data: T, options?: UpsertOptions): Promise<StoredDocument<T>>;
  /**
   * Inserts or replaces many documents in one statement, each as `upsert` without an expected version would; each id
   * at most once (InvalidDocumentQueryError otherwise). A unique index violation writes none of them.
   */
  upsertMany(writes: readonly DocumentWrite<T>[]): Promise<void>;
  /**
   * As upsertMany, for documents that do not exist: a projection's new ones (its getMany found none, and its checkpoint
   * lock keeps every other writer out). Cheaper for PostgreSQL than upsertMany's ON CONFLICT; a document that exists
   * fails the statement, which writes none of them.
   */
  insertMany(writes: readonly DocumentWrite<T>[]): Promise<void>;
  /** True when a document was deleted. */
  delete(id: string, options?: DeleteOptions): Promise<boolean>;
  /** Deletes the documents among `ids` in one statement; how many there were. */
  deleteMany(ids: readonly string[]): Promise<number>;
  find(options?: FindOptions): Promise<FindResult<T>>;
  /**
   * As `find` without a count, each match read as the array of its `values` instead of the document: a file's rows
   * (an export), which the database builds and sends, and the service parses and passes on, without keys and without
   * the rest of the document.
   */
  findValues(options: FindValuesOptions): Promise<ValuesPage>;
  /** Removes every document (projection rebuilds). */
  deleteAll(): Promise<void>;
}

/** Every document of `collection` that `where` matches, read page by page. */
export async function documentsWhere<T>(collection: DocumentCollection<T>, where: WhereClause): Promise<StoredDocument<T>[]> {
  const documents: StoredDocument<T>[] = [];
  let cursor: string | null = null;
  do {
    const page: FindResult<T> = await collection.find({ where, limit: MAX_FIND_LIMIT, cursor, count: false });
    documents.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return documents;
}

/** The ids of every document of `collection` that `where` matches, read page by page. */
export async function idsWhere(collection: DocumentCollection<unknown>, where: WhereClause): Promise<string[]> {
  return (await documentsWhere(collection, where)).map((document) => document.id);
}

export interface TransactionOptions {
  /**
   * For writes that can be made again from the event log (a projection's batch with its checkpoint): the commit does not
   * wait for the write-ahead log to reach the disk. A crash of the database server (not of this process) may then lose
   * the last such commits, whole, checkpoint included, and the projection applies those events again. Ignored by the
   * embedded store.
   */
  redoable?: boolean;
  /**
   * For a transaction that reads what it needs, then writes (a projection's batch): its upsertMany and insertMany writes
   * and the checkpoints it saves are held, and written once `fn` resolves, all in one statement, so that the transaction
   * takes a transaction id (which keeps the log's readers from every later append until it ends) only then. Any other
   * operation on a collection first writes what is held for it, so the transaction reads what it wrote. A held write's
   * error (a unique violation) comes from that statement, failing the transaction.
   */
  writesLast?: boolean;
}

/** What a transaction sees; the store itself offers the same operations outside a transaction. */
export interface DocumentSession {
  /** Throws CollectionNotReadyError unless the store has run `ensureCollections` for it. */
  collection<T>(definition: CollectionDefinition<T>): DocumentCollection<T>;
  getCheckpoint(projectionName: string): Promise<GlobalCheckpoint | null>;
  /**
   * In a transaction: takes the lock of checkpoint `projectionName` until the transaction ends (waiting for another
   * holder's end) and returns the checkpoint as stored once that holder has committed. Takes no transaction id.
   */
  lockCheckpoint(projectionName: string): Promise<GlobalCheckpoint | null>;
  /** As lockCheckpoint for several at once (in one order whatever the caller's, so that two holders cannot deadlock). */
  lockCheckpoints(projectionNames: readonly string[]): Promise<Map<string, GlobalCheckpoint | null>>;
  saveCheckpoint(projectionName: string, checkpoint: GlobalCheckpoint): Promise<void>;
  /** As saveCheckpoint for several at once, in one statement. */
  saveCheckpoints(checkpoints: ReadonlyMap<string, GlobalCheckpoint>): Promise<void>;
}

export interface DocumentStore extends DocumentSession {
  /**
   * Creates the schema, the checkpoint table, and the collections' tables and declared indexes that are missing;
   * safe to call from several processes at once. An index no longer declared is left in place.
   */
  ensureCollections(definitions: readonly CollectionDefinition<any>[]): Promise<void>;
  /** Runs `fn` in one database transaction: committed when it resolves, rolled back when it throws. */
  transaction<R>(fn: (session: DocumentSession) => Promise<R>, options?: TransactionOptions): Promise<R>;
  /**
   * Sets up the collections' next version: empty tables of their own, without indexes until `createIndexes` but those
   * `neededWhileRebuilding` (replacing any a rebuild left behind), which a
   * projection fills while the live collections keep serving and then switches to (see `rebuildProjections`). One
   * rebuild of the same collections at a time.
   */
  startRebuild(definitions: readonly CollectionDefinition<any>[]): Promise<CollectionRebuild>;
}

/** A rebuild in progress: the collections' next version, invisible to everyone else until the switch. */
export interface CollectionRebuild {
  /** A transaction in which the collections being rebuilt are their next version (every other one as usual). */
  transaction<R>(fn: (session: DocumentSession) => Promise<R>): Promise<R>;
  /**
   * Creates the next version's indexes, which it has none of until then (building an index over a filled table is
   * much faster than keeping it row by row): once the bulk of the log is in, before the switch.
   */
  createIndexes(): Promise<void>;
  /**
   * As `transaction`, then, in the same transaction, the next version takes the collections' place and the live one
   * is dropped: every reader and writer sees the old version until the commit and the new one after it. Throwing in
   * `fn` switches nothing.
   */
  switchOver<R>(fn: (session: DocumentSession) => Promise<R>): Promise<R>;
  /** Drops the next version (a rebuild given up). */
  discard(): Promise<void>;
}

export const FIELD_SEGMENT_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const COLLECTION_NAME_PATTERN = /^[a-z][a-z0-9_.-]{0,62}$/;
const INDEX_NAME_PATTERN = /^[A-Za-z0-9_.:,()-]{1,63}$/;

/** Splits and validates a field path; throws InvalidDocumentQueryError on anything but plain names. */
export function parseFieldPath(path: string): string[] {
  const segments = path.split('.');
  if (!segments.every((segment) => FIELD_SEGMENT_PATTERN.test(segment))) {
    throw new InvalidDocumentQueryError(`Invalid field path "${path}"`);
  }
  return segments;
}

const FIELD_TYPES: readonly IndexedFieldType[] = ['string', 'number', 'boolean', 'uuid'];

export function defineCollection<T>(name: string, options: CollectionOptions = {}): CollectionDefinition<T> {
  if (!COLLECTION_NAME_PATTERN.test(name)) {
    throw new InvalidDocumentQueryError(`Invalid collection name "${name}": lowercase letters, digits, '_', '.', '-'`);
  }
  const validIndexName = (indexName: string) => {
    if (!INDEX_NAME_PATTERN.test(indexName)) {
      throw new InvalidDocumentQueryError(`Invalid or too long index name "${indexName}": give the index a shorter name`);
    }
    return indexName;
  };
  const indexes = (options.indexes ?? []).map((index) => {
    if (index.fields.length === 0) throw new InvalidDocumentQueryError(`Index on ${name} has no fields`);
    index.fields.forEach(parseFieldPath);
    return {
      fields: [...index.fields],
      unique: index.unique ?? false,
      name: validIndexName(index.name ?? `${name}:${index.fields.join(',')}`),
      neededWhileRebuilding: index.neededWhileRebuilding ?? false,
    };
  });
  const searchFields = [...(options.searchFields ?? [])];
  searchFields.forEach(parseFieldPath);
  const searchIndexes = options.indexSearchFields ? searchFields.map((field) => validIndexName(`${name}:trgm:${field}`)) : [];
  const indexedFields = new Set(indexes.flatMap((index) => index.fields));
  const fieldTypes = { ...options.fieldTypes };
  for (const [field, type] of Object.entries(fieldTypes)) {
    if (!indexedFields.has(field)) throw new InvalidDocumentQueryError(`Typed field "${field}" of ${name} is in no index`);
    if (!FIELD_TYPES.includes(type)) throw new InvalidDocumentQueryError(`Invalid type "${String(type)}" of field "${field}" of ${name}`);
  }
  return { name, indexes, searchFields, searchIndexes, fieldTypes };
}

/** Orders checkpoints as the global log does (the event store's, exported here too for the documents' users). */
export { compareCheckpoints };

/** True when the document already reflects the event at `checkpoint` (or a later one). */
export function hasApplied(document: Pick<StoredDocument<unknown>, 'checkpoint'> | null, checkpoint: GlobalCheckpoint): boolean {
  return document?.checkpoint != null && compareCheckpoints(document.checkpoint, checkpoint) >= 0;
}

export class DocumentVersionConflictError extends Error {
  override readonly name = 'DocumentVersionConflictError';
  constructor(
    readonly collection: string,
    readonly id: string,
    readonly expected: ExpectedDocumentVersion,
    readonly actual: number,
  ) {
    super(`Document ${collection}/${id}: expected version ${String(expected)}, actual ${actual}`);
  }
}

export class DocumentUniqueViolationError extends Error {
  override readonly name = 'DocumentUniqueViolationError';
  constructor(
    readonly collection: string,
    readonly indexName: string,
    readonly fields: readonly string[],
  ) {
    super(`Document in ${collection} violates unique index "${indexName}" on (${fields.join(', ')})`);
  }
}

/** A bad field path, operator, cursor or limit: the caller's input, worth a 400. */
export class InvalidDocumentQueryError extends Error {
  override readonly name = 'InvalidDocumentQueryError';
}

export class CollectionNotReadyError extends Error {
  override readonly name = 'CollectionNotReadyError';
  constructor(readonly collection: string) {
    super(`Collection ${collection} is not set up: call documentStore.ensureCollections([...]) at startup`);
  }
}
