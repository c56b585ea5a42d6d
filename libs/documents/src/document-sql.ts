/**
 * SQL text shared by the PostgreSQL and PGlite adapters. Pure: builds statements, runs nothing.
 *
 * Identifiers (schema, collection, index names) are validated when declared and always quoted; field paths
 * are validated segment by segment and become `data->'segment'` literals, because an expression index is
 * used only when the query spells the same expression. Every value is a bind parameter.
 *
 * A field is read as NULLIF(data->'a'->'b', 'null'::jsonb): missing and JSON null both become SQL NULL, so
 * unique indexes ignore documents without the field and comparisons follow jsonb ordering (numbers
 * numerically, strings by collation).
 */
import { createHash } from 'node:crypto';
import { isStorableText } from '@elk/contracts';
import {
  DEFAULT_FIND_LIMIT,
  FIELD_SEGMENT_PATTERN,
  FieldOperators,
  FindOptions,
  IndexedFieldType,
  InvalidDocumentQueryError,
  JsonScalar,
  MAX_FIND_FIELDS,
  MAX_FIND_LIMIT,
  SortDirection,
  parseFieldPath,
  type CollectionDefinition,
} from './document-store';

const SCHEMA_NAME_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;
export const CHECKPOINTS_TABLE = '_projection_checkpoints';

export function validateSchemaName(schema: string): string {
  if (!SCHEMA_NAME_PATTERN.test(schema)) throw new InvalidDocumentQueryError(`Invalid schema name "${schema}"`);
  return schema;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function tableName(schema: string, collection: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(collection)}`;
}

/** The jsonb value at `path`: `data->'a'->'b'`. */
const valueAt = (path: string) => `data${parseFieldPath(path).map((segment) => `->'${segment}'`).join('')}`;

/** The jsonb value at `path`, SQL NULL when missing or JSON null. Indexes use the same text. */
export function fieldExpression(path: string): string {
  return `NULLIF(${valueAt(path)}, 'null'::jsonb)`;
}

/**
 * The column that holds the field at `path` of a collection that declares an index on it: a stored generated column of
 * fieldExpression(path). Indexes on plain columns let PostgreSQL answer from the index alone (an index-only scan: a capped
 * count reads no table rows); an index on an expression of `data` never can, since the planner then needs `data`
 * itself. `data.<path>`, or a hash of it where that would pass PostgreSQL's 63 bytes.
 */
export function indexedFieldColumn(path: string): string {
  return quoteIdent(columnNameOf(path));
}

/** PostgreSQL's type of an indexed field's column (format_type's spelling), and how a value of that type is bound. */
const COLUMN_TYPES = { jsonb: 'jsonb', string: 'text', number: 'numeric', boolean: 'boolean', uuid: 'uuid' } as const;

/** The JSON type of a typed field's values: a uuid field holds strings. */
const jsonTypeOf = (type: IndexedFieldType) => (type === 'uuid' ? 'string' : type);

/** What PostgreSQL's uuid reads, in the form ELK's ids take (zod's `z.uuid()` accepts no other). */
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` may be compared with (or cast to) a field of `type`. */
function isOfFieldType(value: unknown, type: IndexedFieldType): boolean {
  return typeof value === jsonTypeOf(type) && (type !== 'uuid' || UUID_PATTERN.test(value as string));
}

/**
 * A typed field's value, SQL NULL when missing, JSON null or of another JSON type. Text is in the "C" collation: byte
 * order, which is how jsonb compares strings on our databases (C.UTF-8), and which sorts (with abbreviated keys) several
 * times faster than jsonb values. A uuid field's string is cast without a check (a regular expression per value cost
 * a rebuild more than the uuid saves it): a string that is not a UUID fails the write.
 */
function typedFieldExpression(path: string, type: IndexedFieldType): string {
  const value = valueAt(path);
  const cast = type === 'string' ? `${value} #>> '{}'` : type === 'uuid' ? `(${value} #>> '{}')::uuid` : `(${value})::${COLUMN_TYPES[type]}`;
  return `CASE WHEN jsonb_typeof(${value}) = '${jsonTypeOf(type)}' THEN ${cast} END`;
}

/** The column of an indexed field, as CREATE TABLE and ALTER TABLE … ADD COLUMN spell it. */
function indexedColumnDefinition(definition: CollectionDefinition<unknown>, path: string): string {
  const type = definition.fieldTypes[path];
  if (!type) return `${indexedFieldColumn(path)} jsonb GENERATED ALWAYS AS (${fieldExpression(path)}) STORED`;
  const collation = type === 'string' ? ' COLLATE "C"' : '';
  return `${indexedFieldColumn(path)} ${COLUMN_TYPES[type]}${collation} GENERATED ALWAYS AS (${typedFieldExpression(path, type)}) STORED`;
}

function columnNameOf(path: string): string {
  const name = `data.${path}`;
  return Buffer.byteLength(name) <= 63 ? name : `data.#${shortHash(path)}`;
}

const indexedFieldsOf = (definition: CollectionDefinition<unknown>) => [...new Set(definition.indexes.flatMap((index) => index.fields))];

const indexedFieldSets = new WeakMap<CollectionDefinition<unknown>, ReadonlySet<string>>();

/** How a query reads a field: its SQL, and its type where its column holds it typed (jsonb otherwise). */
interface FieldSql {
  expr: string;
  type: IndexedFieldType | undefined;
}

/** How a query reads the field at `path`: its column where the collection indexes it, its expression otherwise. */
function fieldReader(definition: CollectionDefinition<unknown>): (path: string) => FieldSql {
  let indexed = indexedFieldSets.get(definition);
  if (!indexed) indexedFieldSets.set(definition, (indexed = new Set(indexedFieldsOf(definition))));
  return (path) => (indexed.has(path) ? { expr: indexedFieldColumn(path), type: definition.fieldTypes[path] } : { expr: fieldExpression(path), type: undefined });
}

/**
 * The value at `path` as text (for search); the trigram indexes use the same text. An array or object reads as its
 * JSON text, so a search finds any element of an array of strings (barcodes), whole or in part.
 */
export function fieldTextExpression(path: string): string {
  const segments = parseFieldPath(path);
  const last = segments.pop() as string;
  return `(data${segments.map((segment) => `->'${segment}'`).join('')}->>'${last}')`;
}

/** The function that locks checkpoints and reads them (SqlDocumentSession.lockCheckpoints). */
export const LOCK_CHECKPOINTS_FUNCTION = '_lock_checkpoints';

export function schemaDdl(schema: string): string[] {
  const checkpoints = tableName(schema, CHECKPOINTS_TABLE);
  return [
    `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`,
    // A row without a position is a checkpoint's lock taken, before 2026-12-07, before the first checkpoint was saved.
    `CREATE TABLE IF NOT EXISTS ${checkpoints} (
      projection_name text PRIMARY KEY,
      transaction_id numeric(20, 0),
      global_position numeric(20, 0)
    )`,
    // Tables made before the lock moved into them (2026-12) had both columns NOT NULL. Only those are altered: an
    // ALTER TABLE at every start would lock every projection's checkpoint out for the rest of this transaction.
    `DO $$ BEGIN
      IF EXISTS (SELECT FROM pg_attribute WHERE attrelid = '${checkpoints}'::regclass AND attname = 'transaction_id' AND attnotnull) THEN
        ALTER TABLE ${checkpoints} ALTER COLUMN transaction_id DROP NOT NULL, ALTER COLUMN global_position DROP NOT NULL;
      END IF;
    END $$`,
    // A checkpoint's lock is a transaction-level advisory lock, which takes no transaction id (a projection's batch gets
    // one at its first write, not for its reads), one per name in the order given. A volatile SQL function runs each
    // statement with a new snapshot: the read after the locks sees what their previous holders committed.
    `CREATE OR REPLACE FUNCTION ${tableName(schema, LOCK_CHECKPOINTS_FUNCTION)}(names text[])
      RETURNS TABLE (projection_name text, transaction_id text, global_position text) LANGUAGE sql VOLATILE AS $$
        SELECT pg_advisory_xact_lock(hashtextextended('elk.checkpoint:${schema}:' || name, 0)) FROM unnest(names) AS name;
        SELECT checkpoint.projection_name, checkpoint.transaction_id::text, checkpoint.global_position::text
          FROM ${checkpoints} AS checkpoint WHERE checkpoint.projection_name = ANY(names);
      $$`,
  ];
}

/** What a collection with `indexSearchFields` needs in the database before its DDL can run. */
export const SEARCH_INDEX_EXTENSION_DDL = 'CREATE EXTENSION IF NOT EXISTS pg_trgm';

/** Where a collection lives: its table and the names of its indexes (declared, then search) and primary key. */
export interface CollectionTables {
  table: string;
  indexNames: readonly string[];
  primaryKey: string;
}

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24);

/** The live collection: its own name, its indexes' declared names (a table made before rebuilds keeps PostgreSQL's name for its primary key). */
export function liveTables(definition: CollectionDefinition<unknown>): CollectionTables {
  return { table: definition.name, indexNames: [...definition.indexes.map((index) => index.name), ...definition.searchIndexes], primaryKey: `live_${shortHash(definition.name)}_pkey` };
}

/**
 * The collection's next version while a rebuild fills it: names of its own (hashed, as a collection or index name may
 * take all 63 bytes), which the switch renames to the live ones.
 */
export function rebuildTables(definition: CollectionDefinition<unknown>): CollectionTables {
  const live = liveTables(definition);
  return { table: `rebuild_${shortHash(definition.name)}`, indexNames: live.indexNames.map((name) => `rebuild_${shortHash(name)}`), primaryKey: `rebuild_${shortHash(definition.name)}_pkey` };
}

/**
 * DDL that gives the rebuild's tables the live names, in the transaction that has just dropped the live ones: the
 * table, its indexes and its primary key.
 */
export function switchToRebuildDdl(schema: string, definition: CollectionDefinition<unknown>): string[] {
  const live = liveTables(definition);
  const next = rebuildTables(definition);
  return [
    `DROP TABLE ${tableName(schema, live.table)}`,
    `ALTER TABLE ${tableName(schema, next.table)} RENAME TO ${quoteIdent(live.table)}`,
    `ALTER INDEX ${tableName(schema, next.primaryKey)} RENAME TO ${quoteIdent(live.primaryKey)}`,
    ...next.indexNames.map((name, position) => `ALTER INDEX ${tableName(schema, name)} RENAME TO ${quoteIdent(live.indexNames[position] as string)}`),
  ];
}

export function collectionDdl(schema: string, definition: CollectionDefinition<unknown>, tables: CollectionTables = liveTables(definition)): string[] {
  const upgrade = indexedColumnsUpgradeDdl(schema, definition, tables);
  return [collectionTableDdl(schema, definition, tables), ...(upgrade ? [upgrade] : []), ...collectionIndexDdl(schema, definition, tables)];
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * A table made before its indexed fields became columns (2026-12) gets them (rewritten once, under its lock), and its
 * declared indexes on expressions of `data` are dropped, to be made again on the columns. Checked in the catalog first:
 * an ALTER TABLE at every start would lock the collection for the rest of this transaction.
 */
function indexedColumnsUpgradeDdl(schema: string, definition: CollectionDefinition<unknown>, tables: CollectionTables): string | null {
  const fields = indexedFieldsOf(definition);
  if (fields.length === 0) return null;
  const table = tableName(schema, tables.table);
  // One ALTER TABLE for every missing column, and for every column of another type (a field typed since: dropped with
  // its indexes and added again): a single rewrite of the table.
  const wanted = fields.map((path) => {
    const type = COLUMN_TYPES[definition.fieldTypes[path] ?? 'jsonb'];
    return `(${literal(columnNameOf(path))}, ${literal(type)}, ${literal(`ADD COLUMN ${indexedColumnDefinition(definition, path)}`)})`;
  });
  const columns = `SELECT string_agg(CASE WHEN present.attname IS NULL THEN '' ELSE 'DROP COLUMN ' || quote_ident(wanted.name) || ', ' END || wanted.clause, ', ')
        INTO missing FROM (VALUES ${wanted.join(', ')}) AS wanted (name, type, clause)
        LEFT JOIN pg_attribute AS present ON present.attrelid = ${literal(table)}::regclass AND present.attname = wanted.name AND NOT present.attisdropped
        WHERE present.attname IS NULL OR format_type(present.atttypid, NULL) <> wanted.type;
      IF missing IS NOT NULL THEN
        EXECUTE 'ALTER TABLE ${table.replace(/'/g, "''")} ' || missing;
      END IF;`;
  const indexes = definition.indexes.map((_index, position) => {
    const index = tableName(schema, tables.indexNames[position] as string);
    return `IF EXISTS (SELECT FROM pg_index WHERE indexrelid = to_regclass(${literal(index)}) AND indexprs IS NOT NULL) THEN
        DROP INDEX ${index};
      END IF;`;
  });
  return `DO $$ DECLARE missing text; BEGIN
      ${[columns, ...indexes].join('\n      ')}
    END $$`;
}

/**
 * Documents up to a page's size stay uncompressed in their row (PostgreSQL compresses rows over ~2 KB by default):
 * every `data->'field'` of a query (a filter, a sort key, a list's column) or of an index
 * decompresses a compressed document anew, which made reading a journal's 2 KB sales several times dearer than the
 * rest of the query, and building or writing a sale's indexes a third dearer (9.9 µs a document compressed, 6.5
 * uncompressed; writing it 41 and 29). Only larger documents are compressed, or moved out of the row; the cost is a
 * table about 40% bigger on disk.
 */
const TOAST_TUPLE_TARGET = 8160;

/** The collection's table, with only its primary key, and a column for each field its indexes hold. */
export function collectionTableDdl(schema: string, definition: CollectionDefinition<unknown>, tables: CollectionTables): string {
  const indexedColumns = indexedFieldsOf(definition).map((path) => `,\n      ${indexedColumnDefinition(definition, path)}`);
  return `CREATE TABLE IF NOT EXISTS ${tableName(schema, tables.table)} (
      id text CONSTRAINT ${quoteIdent(tables.primaryKey)} PRIMARY KEY,
      data jsonb NOT NULL,
      version integer NOT NULL,
      checkpoint_transaction_id numeric(20, 0),
      checkpoint_global_position numeric(20, 0)${indexedColumns.join('')}
    ) WITH (toast_tuple_target = ${TOAST_TUPLE_TARGET})`;
}

/**
 * The collection's declared and search indexes (a rebuild creates them once its table is filled: faster than row by
 * row); with `onlyNeededWhileRebuilding`, only the declared ones a rebuild needs from the start.
 */
export interface IndexDdlOptions {
  /** Only the indexes a rebuild needs while it writes (the unique ones it relies on). */
  onlyNeededWhileRebuilding?: boolean;
  /** `CREATE INDEX CONCURRENTLY`: built without holding a transaction id (each statement outside a transaction). */
  concurrently?: boolean;
}

export function collectionIndexDdl(schema: string, definition: CollectionDefinition<unknown>, tables: CollectionTables = liveTables(definition), options: IndexDdlOptions = {}): string[] {
  const table = tableName(schema, tables.table);
  const indexName = (position: number) => quoteIdent(tables.indexNames[position] as string);
  const create = (unique: boolean) => `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${options.concurrently ? 'CONCURRENTLY ' : ''}IF NOT EXISTS`;
  const declared = definition.indexes.length;
  const declaredDdl = definition.indexes.map(
    (index, position) => `${create(index.unique === true)} ${indexName(position)} ON ${table} (${index.fields.map(indexedFieldColumn).join(', ')})`,
  );
  if (options.onlyNeededWhileRebuilding) return declaredDdl.filter((_ddl, position) => definition.indexes[position]!.neededWhileRebuilding);
  return [
    ...declaredDdl,
    // gin_trgm_ops serves ILIKE '%…%' on exactly this expression; lower()/upper() are not needed.
    ...definition.searchIndexes.map(
      (_name, position) =>
        `${create(false)} ${indexName(declared + position)} ON ${table} USING gin (${fieldTextExpression(definition.searchFields[position] as string)} gin_trgm_ops)`,
    ),
  ];
}

/** Collects bind parameters and hands out their `$n` placeholders. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
  json(value: unknown): string {
    return `${this.add(JSON.stringify(value))}::jsonb`;
  }
  /** A value compared with a field: jsonb, or of the field's type (which it must have). */
  of(field: FieldSql, value: string | number | boolean, path: string): string {
    if (!field.type) return this.json(value);
    checkFieldType(field, [value], path);
    return `${this.add(value)}::${COLUMN_TYPES[field.type]}`;
  }
}

/** A typed field is compared only with values of its type. */
function checkFieldType(field: FieldSql, values: readonly JsonScalar[], path: string): void {
  const { type } = field;
  if (type && values.some((value) => !isOfFieldType(value, type))) throw new InvalidDocumentQueryError(`"${path}" holds values of type ${type}`);
}

const OPERATORS = new Set(['eq', 'ne', 'in', 'gt', 'gte', 'lt', 'lte', 'exists']);
const RANGE_SQL = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function isScalar(value: unknown): value is JsonScalar {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function conditionSql(path: string, condition: unknown, params: Params, fieldSql: (path: string) => FieldSql): string[] {
  const field = fieldSql(path);
  const { expr } = field;
  if (isScalar(condition)) return [condition === null ? `${expr} IS NULL` : `${expr} = ${params.of(field, condition, path)}`];
  if (typeof condition !== 'object' || Array.isArray(condition) || condition === null) {
    throw new InvalidDocumentQueryError(`Invalid condition on "${path}"`);
  }
  const operators = condition as Record<string, unknown>;
  // An undefined operand is an absent bound (`{ gte: from, lte: to }` with no `to`), not a comparison with null.
  return Object.keys(operators).filter((key) => operators[key] !== undefined).map((key) => {
    if (!OPERATORS.has(key)) throw new InvalidDocumentQueryError(`Unknown operator "${key}" on "${path}"`);
    const value = operators[key];
    const op = key as keyof FieldOperators;
    const invalid = () => new InvalidDocumentQueryError(`Invalid value for "${key}" on "${path}"`);
    switch (op) {
      case 'eq':
        if (!isScalar(value)) throw invalid();
        return conditionSql(path, value, params, fieldSql)[0] as string;
      case 'ne':
        if (!isScalar(value)) throw invalid();
        return value === null ? `${expr} IS NOT NULL` : `${expr} IS DISTINCT FROM ${params.of(field, value, path)}`;
      case 'in': {
        if (!Array.isArray(value) || !value.every(isScalar)) throw invalid();
        const present = value.filter((item) => item !== null);
        checkFieldType(field, present, path);
        const alternatives = [
          field.type ? `${expr} = ANY(${params.add(present)}::${COLUMN_TYPES[field.type]}[])` : `${expr} = ANY(${params.add(present.map((item) => JSON.stringify(item)))}::jsonb[])`,
        ];
        if (present.length < value.length) alternatives.push(`${expr} IS NULL`);
        return `(${alternatives.join(' OR ')})`;
      }
      case 'exists':
        if (typeof value !== 'boolean') throw invalid();
        return `${expr} IS ${value ? 'NOT ' : ''}NULL`;
      default:
        if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) throw invalid();
        return `${expr} ${RANGE_SQL[op]} ${params.of(field, value, path)}`;
    }
  });
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

interface SortKey extends FieldSql {
  direction: SortDirection;
}

/**
 * What a cursor carries: the sort it belongs to, the last row's sort key values (jsonb text) and id, and the total the
 * first page counted (later pages pass it on instead of counting again).
 */
interface CursorContent {
  s: string;
  k: string;
  i: string;
  t: number;
  /** Present (true) when the count stopped at `countUpTo`. */
  c?: true;
}

export function encodeCursor(content: CursorContent): string {
  return Buffer.from(JSON.stringify(content), 'utf8').toString('base64url');
}

interface DecodedCursor {
  /** The sort key values, parsed only to tell nulls apart. */
  values: unknown[];
  /** The same values as the database wrote them (a jsonb array), bound as is to keep their precision. */
  raw: string;
  id: string;
  total: Total;
}

/** A count of matches; `capped` when counting stopped at `countUpTo` (there are more). */
export interface Total {
  total: number;
  capped: boolean;
}

/**
 * A cursor comes back from the client, who may have written it. It only says where a page starts among the rows the
 * query's own filters allow, so a forged one can show nothing else; what it must not do is carry what the database
 * refuses (an error, not a page). Only what PostgreSQL could have written passes: an id and sort key values of
 * storable text, and numbers without an exponent (PostgreSQL writes them in full, and refuses `1e-99999`).
 */
function decodeCursor(cursor: string, signature: string, keys: readonly SortKey[]): DecodedCursor {
  const invalid = () => new InvalidDocumentQueryError('Invalid cursor');
  let content: Partial<CursorContent>;
  let values: unknown;
  try {
    content = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    values = JSON.parse(String(content.k));
  } catch {
    throw invalid();
  }
  if (content.s !== signature) throw new InvalidDocumentQueryError('Cursor belongs to a different sort');
  if (typeof content.i !== 'string' || typeof content.k !== 'string' || !Array.isArray(values) || values.length !== keys.length) {
    throw invalid();
  }
  // A typed key's value is cast to the key's type: anything else would be the database's error.
  if (keys.some(({ type }, index) => type && values[index] !== null && !isOfFieldType(values[index], type))) throw invalid();
  if (!isStorableText(content.i) || !isStorableJson(values) || hasNumberWithExponent(content.k)) throw invalid();
  if (!Number.isSafeInteger(content.t) || content.t! < 0 || (content.c !== undefined && content.c !== true)) throw invalid();
  return { values, raw: content.k, id: content.i, total: { total: content.t!, capped: content.c === true } };
}

function isStorableJson(value: unknown): boolean {
  if (typeof value === 'string') return isStorableText(value);
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || value === null) return true;
  return Object.entries(value).every(([key, item]) => isStorableText(key) && isStorableJson(item));
}

const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;

// Outside strings, a digit followed by `e` can only be an exponent (true, false and null hold no digits).
function hasNumberWithExponent(json: string): boolean {
  return /\d[eE]/.test(json.replace(JSON_STRING, '""'));
}

/**
 * Rows strictly after the cursor in ORDER BY order. Expanded into OR terms rather than a row comparison
 * because directions may be mixed and NULLs sort last ascending / first descending (PostgreSQL's default,
 * which a plain b-tree index serves in both directions). An OR is no index condition, so where the first key alone
 * bounds the rows after the cursor (descending from a value: at most it; ascending from NULL: NULL) that bound is
 * ANDed in front: the index scan then starts at the cursor instead of reading every earlier row again, which made
 * reading a long list page by page quadratic.
 */
function keysetSql(keys: SortKey[], cursor: DecodedCursor, params: Params, idDirection: SortDirection): string {
  const terms: string[] = [];
  const ties: string[] = [];
  // Bound only if some key is not null: PostgreSQL refuses a parameter that no expression uses.
  let sortKeyParam: string | undefined;
  // The cursor's value of a key: jsonb, or cast to the key's type.
  const cursorValue = (key: SortKey, index: number) => {
    sortKeyParam ??= `${params.add(cursor.raw)}::jsonb`;
    return key.type ? `(${sortKeyParam}->>${index})::${COLUMN_TYPES[key.type]}` : `(${sortKeyParam}->${index})`;
  };
  keys.forEach((key, index) => {
    if (cursor.values[index] === null) {
      if (key.direction === 'desc') terms.push([...ties, `${key.expr} IS NOT NULL`].join(' AND '));
      ties.push(`${key.expr} IS NULL`);
      return;
    }
    const value = cursorValue(key, index);
    const after = key.direction === 'asc' ? `(${key.expr} > ${value} OR ${key.expr} IS NULL)` : `${key.expr} < ${value}`;
    terms.push([...ties, after].join(' AND '));
    ties.push(`${key.expr} = ${value}`);
  });
  terms.push([...ties, `id ${idDirection === 'asc' ? '>' : '<'} ${params.add(cursor.id)}`].join(' AND '));
  const after = `(${terms.map((term) => `(${term})`).join(' OR ')})`;
  const first = keys[0];
  if (first?.direction === 'desc' && cursor.values[0] !== null) return `${first.expr} <= ${cursorValue(first, 0)} AND ${after}`;
  if (first?.direction === 'asc' && cursor.values[0] === null) return `${first.expr} IS NULL AND ${after}`;
  return after;
}

/**
 * The total is counted once, for the first page (no cursor): a list opened, or searched or filtered anew. The
 * cursor carries it on, so «Показать ещё» costs only its page and not a count over the organisation's documents again.
 */
export type TotalStatement = { count: { text: string; values: unknown[] }; upTo: number | undefined } | { carried: Total };

export interface FindStatements {
  items: { text: string; values: unknown[] };
  total: TotalStatement;
  limit: number;
  /** Builds the cursor for a page ending at the row with this id and sort key text, carrying the total. */
  cursorFor(id: string, sortKey: string, total: Total): string;
}

export const DOCUMENT_COLUMNS =
  'id, data, version, checkpoint_transaction_id::text AS checkpoint_transaction_id, checkpoint_global_position::text AS checkpoint_global_position';

/** DOCUMENT_COLUMNS with `data` holding only `fields` (top-level names, validated). */
function documentColumns(fields: readonly string[] | undefined): string {
  if (fields === undefined) return DOCUMENT_COLUMNS;
  if (fields.length === 0 || fields.length > MAX_FIND_FIELDS || !fields.every((field) => FIELD_SEGMENT_PATTERN.test(field))) {
    throw new InvalidDocumentQueryError(`fields: 1 to ${MAX_FIND_FIELDS} top-level field names`);
  }
  const data = `jsonb_build_object(${fields.map((field) => `'${field}', data->'${field}'`).join(', ')}) AS data`;
  return DOCUMENT_COLUMNS.replace(/^id, data,/, `id, ${data},`);
}

/** `id` and, as `data`, a JSON array of the values at `paths` (validated; a missing one is null). */
function valuesColumns(paths: readonly string[]): string {
  if (paths.length === 0 || paths.length > MAX_FIND_FIELDS) throw new InvalidDocumentQueryError(`values: 1 to ${MAX_FIND_FIELDS} field paths`);
  // json, not jsonb: built straight as the text that is sent, with nothing to sort or convert.
  return `id, json_build_array(${paths.map(valueAt).join(', ')}) AS data`;
}

/**
 * `table`: the collection's table (quoted, with its schema), when not its live one. With `values` (findValues), each
 * row's `data` is the array of those values, and nothing is counted.
 */
export function buildFind(
  schema: string,
  definition: CollectionDefinition<unknown>,
  options: FindOptions & { values?: readonly string[] },
  table = tableName(schema, definition.name),
): FindStatements {
  const limit = options.limit ?? DEFAULT_FIND_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FIND_LIMIT) {
    throw new InvalidDocumentQueryError(`limit must be an integer from 1 to ${MAX_FIND_LIMIT}`);
  }
  const params = new Params();
  const fieldSql = fieldReader(definition);
  const filters: string[] = [];
  for (const [path, condition] of Object.entries(options.where ?? {})) {
    if (condition !== undefined) filters.push(...conditionSql(path, condition, params, fieldSql));
  }

  const search = options.search?.trim();
  // Trigram indexes serve a search of 3 characters or more; a shorter one reads the rows in any case.
  const searchIndexed = search !== undefined && definition.searchIndexes.length > 0 && [...search].length >= 3;
  if (search) {
    if (definition.searchFields.length === 0) throw new InvalidDocumentQueryError(`Collection ${definition.name} has no search fields`);
    const pattern = params.add(`%${escapeLike(search)}%`);
    filters.push(`(${definition.searchFields.map((field) => `${fieldTextExpression(field)} ILIKE ${pattern}`).join(' OR ')})`);
  }
  const whereSql = (extra: string[]) => (extra.length ? ` WHERE ${extra.join(' AND ')}` : '');
  const upTo = options.countUpTo;
  if (upTo !== undefined && (!Number.isSafeInteger(upTo) || upTo < 1)) throw new InvalidDocumentQueryError('countUpTo must be a positive integer');
  // Capped, the count reads at most upTo + 1 matches: one more than the cap tells that there are more.
  const count = {
    text: upTo === undefined ? `SELECT count(*)::int AS total FROM ${table}${whereSql(filters)}` : `SELECT count(*)::int AS total FROM (SELECT 1 FROM ${table}${whereSql(filters)} LIMIT ${upTo + 1}) AS capped`,
    values: [...params.values],
  };
  let total: TotalStatement = options.count === false || options.values ? { carried: { total: 0, capped: false } } : { count, upTo };

  const keys: SortKey[] = (options.sort ?? []).map((sort) => {
    const direction = sort.direction ?? 'asc';
    if (direction !== 'asc' && direction !== 'desc') throw new InvalidDocumentQueryError(`Invalid sort direction "${String(direction)}"`);
    return { ...fieldSql(sort.field), direction };
  });
  // The id follows the last key's direction so that a one-field sort can be served by one index scan.
  const idDirection = keys.at(-1)?.direction ?? 'asc';
  const signature = (options.sort ?? []).map((sort) => `${sort.field}:${sort.direction ?? 'asc'}`).join(',');

  const pageFilters = [...filters];
  if (options.cursor) {
    const cursor = decodeCursor(options.cursor, signature, keys);
    pageFilters.push(keysetSql(keys, cursor, params, idDirection));
    total = { carried: cursor.total };
  }
  const orderBy = [...keys.map((key) => `${key.expr} ${key.direction.toUpperCase()}`), `id ${idDirection.toUpperCase()}`].join(', ');
  const sortKeyColumn = `jsonb_build_array(${keys.map((key) => key.expr).join(', ')})::text AS sort_key`;
  // With an indexed search, the matches first (OFFSET 0 keeps the planner from merging the subquery), then sorted.
  // Otherwise the planner may walk the sort index hoping for matches early on: with the search correlated to the
  // sort (names starting «Молоко» for «молок») it reads most of the collection before it finds them.
  const from = searchIndexed ? `(SELECT * FROM ${table}${whereSql(pageFilters)} OFFSET 0) AS matches` : `${table}${whereSql(pageFilters)}`;
  const items = {
    text: `SELECT ${options.values ? valuesColumns(options.values) : documentColumns(options.fields)}, ${sortKeyColumn} FROM ${from} ORDER BY ${orderBy} LIMIT ${params.add(limit + 1)}`,
    values: params.values,
  };
  return {
    items,
    total,
    limit,
    cursorFor: (id, sortKey, counted) => encodeCursor({ s: signature, k: sortKey, i: id, t: counted.total, ...(counted.capped ? { c: true as const } : {}) }),
  };
}
