/**
 * The document store over SQL, shared by the PostgreSQL and PGlite adapters; an adapter only supplies how to
 * run a query and how to run a transaction.
 */
import type { GlobalCheckpoint } from '@elk/eventstore';
import {
  CHECKPOINTS_TABLE,
  DOCUMENT_COLUMNS,
  LOCK_CHECKPOINTS_FUNCTION,
  SEARCH_INDEX_EXTENSION_DDL,
  buildFind,
  collectionDdl,
  collectionIndexDdl,
  collectionTableDdl,
  liveTables,
  rebuildTables,
  schemaDdl,
  switchToRebuildDdl,
  tableName,
  validateSchemaName,
  type Total,
} from './document-sql';
import {
  CollectionNotReadyError,
  CollectionRebuild,
  DeleteOptions,
  DocumentCollection,
  DocumentSession,
  DocumentStore,
  DocumentUniqueViolationError,
  DocumentVersionConflictError,
  DocumentWrite,
  ExpectedDocumentVersion,
  TransactionOptions,
  FindOptions,
  FindResult,
  FindValuesOptions,
  InvalidDocumentQueryError,
  StoredDocument,
  UpsertOptions,
  ValuesPage,
  type CollectionDefinition,
} from './document-store';

/**
 * The one thing both drivers have in common: `query(text, values)` resolving to `{ rows }`. `prepared`: the text is one
 * of the few the store spells out whatever the call (not one built from a find's options), so a driver may keep it
 * prepared on each connection instead of parsing and planning it every time.
 */
export interface SqlExecutor {
  /**
   * `last`: the transaction's last statement (nothing runs in it afterwards), which an executor may commit with
   * (embedded: in the same exchange with the database's thread).
   */
  query<R>(text: string, values?: unknown[], options?: { prepared?: boolean; last?: boolean }): Promise<{ rows: R[] }>;
  /** A jsonb array parameter (the rows of upsertMany and insertMany), when the executor sends one otherwise than as JSON text. */
  jsonArrayParam?(items: readonly unknown[]): unknown;
}

const PREPARED = { prepared: true };

interface DocumentRow {
  id: string;
  data: unknown;
  version: number;
  checkpoint_transaction_id: string | null;
  checkpoint_global_position: string | null;
}

function toCheckpoint(transactionId: string | null, globalPosition: string | null): GlobalCheckpoint | null {
  return transactionId === null || globalPosition === null ? null : { transactionId: BigInt(transactionId), globalPosition: BigInt(globalPosition) };
}

function toDocument<T>(row: DocumentRow): StoredDocument<T> {
  return {
    id: row.id,
    version: row.version,
    data: row.data as T,
    checkpoint: toCheckpoint(row.checkpoint_transaction_id, row.checkpoint_global_position),
  };
}

/** Inserts the documents of `param` (a jsonb array of [id, data, transactionId, globalPosition]) into `table` as new rows. */
function insertRowsSql(table: string, param = '$1'): string {
  return `INSERT INTO ${table} AS doc (id, data, version, checkpoint_transaction_id, checkpoint_global_position)
       SELECT w->>0, w->1, 1, (w->>2)::numeric, (w->>3)::numeric FROM jsonb_array_elements(${param}::jsonb) AS w`;
}

/** As insertRowsSql, replacing the documents that exist; a write without a checkpoint keeps the one recorded. */
function upsertRowsSql(table: string, param = '$1'): string {
  return `${insertRowsSql(table, param)}
       ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, version = doc.version + 1,
         checkpoint_transaction_id = COALESCE(EXCLUDED.checkpoint_transaction_id, doc.checkpoint_transaction_id),
         checkpoint_global_position = COALESCE(EXCLUDED.checkpoint_global_position, doc.checkpoint_global_position)`;
}

/** Saves the checkpoints of three arrays (names, transaction ids, global positions) from parameter `$first` on. */
function saveCheckpointsSql(schema: string, first = 1): string {
  return `INSERT INTO ${tableName(schema, CHECKPOINTS_TABLE)} (projection_name, transaction_id, global_position)
       SELECT * FROM unnest($${first}::text[], $${first + 1}::numeric[], $${first + 2}::numeric[])
       ON CONFLICT (projection_name) DO UPDATE SET transaction_id = EXCLUDED.transaction_id, global_position = EXCLUDED.global_position`;
}

function checkpointArrays(checkpoints: ReadonlyMap<string, GlobalCheckpoint>): string[][] {
  const saved = [...checkpoints];
  return [saved.map(([name]) => name), saved.map(([, { transactionId }]) => transactionId.toString()), saved.map(([, { globalPosition }]) => globalPosition.toString())];
}

/** A unique index violation of one of `definitions` as DocumentUniqueViolationError; any other error as it is. */
function uniqueViolationOf(error: unknown, definitions: readonly CollectionDefinition<unknown>[]): unknown {
  const { code, constraint } = error as { code?: string; constraint?: string };
  if (code !== '23505') return error;
  for (const definition of definitions) {
    const index = definition.indexes.find((candidate) => candidate.name === constraint);
    if (index) return new DocumentUniqueViolationError(definition.name, index.name, index.fields);
  }
  return error;
}

/** An upsertMany or insertMany held back by a transaction with `writesLast`. */
interface HeldWrite {
  table: string;
  definition: CollectionDefinition<unknown>;
  /** Its statement, with its rows at parameter `param`. */
  sql(param: string): string;
  rows: unknown;
  ids: ReadonlySet<string>;
}

/**
 * What a transaction with `writesLast` holds back (TransactionOptions): its upsertMany and insertMany writes and the
 * checkpoints it saves, written in one statement (one data-modifying WITH query per write) once its work is done, so
 * that it takes a transaction id only then. Any other operation on a collection first writes what is held for it.
 */
class HeldWrites {
  private writes: HeldWrite[] = [];
  private checkpoints = new Map<string, GlobalCheckpoint>();

  constructor(
    private readonly executor: SqlExecutor,
    private readonly schema: string,
  ) {}

  async hold(write: HeldWrite): Promise<void> {
    // One statement may not write a row twice: a document written again is first written as held.
    if (this.writes.some((held) => held.table === write.table && [...write.ids].some((id) => held.ids.has(id)))) await this.write(write.table);
    this.writes.push(write);
  }

  holdCheckpoints(checkpoints: ReadonlyMap<string, GlobalCheckpoint>): void {
    for (const [name, checkpoint] of checkpoints) this.checkpoints.set(name, checkpoint);
  }

  /**
   * Writes what is held for `table`, or, without one, everything, the checkpoints included, in one statement
   * (`lastInTransaction`: the transaction's last).
   */
  async write(table?: string, lastInTransaction = false): Promise<void> {
    const writes = table === undefined ? this.writes : this.writes.filter((held) => held.table === table);
    const checkpoints = table === undefined ? this.checkpoints : new Map<string, GlobalCheckpoint>();
    if (writes.length === 0 && checkpoints.size === 0) return;
    this.writes = table === undefined ? [] : this.writes.filter((held) => held.table !== table);
    if (table === undefined) this.checkpoints = new Map();
    const values: unknown[] = writes.map((held) => held.rows);
    const last = checkpoints.size > 0 ? saveCheckpointsSql(this.schema, writes.length + 1) : 'SELECT';
    if (checkpoints.size > 0) values.push(...checkpointArrays(checkpoints));
    const text =
      writes.length === 1 && checkpoints.size === 0
        ? writes[0]!.sql('$1')
        : `${writes.length > 0 ? `WITH ${writes.map((held, index) => `w${index} AS (${held.sql(`$${index + 1}`)})`).join(', ')} ` : ''}${last}`;
    try {
      await this.executor.query(text, values, { prepared: true, last: lastInTransaction });
    } catch (error) {
      throw uniqueViolationOf(error, writes.map((held) => held.definition));
    }
  }
}

function validateId(id: string): void {
  if (typeof id !== 'string' || id.length === 0) throw new InvalidDocumentQueryError('Document id must be a non-empty string');
}

class SqlDocumentCollection<T> implements DocumentCollection<T> {
  constructor(
    private readonly executor: SqlExecutor,
    private readonly schema: string,
    private readonly definition: CollectionDefinition<T>,
    /** The quoted table: the live one, or a rebuild's. */
    private readonly table: string,
    /** The transaction's held writes (TransactionOptions.writesLast), written before any other operation on the table. */
    private readonly held: HeldWrites | undefined,
  ) {}

  async get(id: string): Promise<StoredDocument<T> | null> {
    await this.held?.write(this.table);
    const { rows } = await this.executor.query<DocumentRow>(`SELECT ${DOCUMENT_COLUMNS} FROM ${this.table} WHERE id = $1`, [id], PREPARED);
    return rows[0] ? toDocument<T>(rows[0]) : null;
  }

  async getMany(ids: readonly string[]): Promise<Map<string, StoredDocument<T>>> {
    const documents = new Map<string, StoredDocument<T>>();
    if (ids.length === 0) return documents;
    await this.held?.write(this.table);
    const { rows } = await this.executor.query<DocumentRow>(`SELECT ${DOCUMENT_COLUMNS} FROM ${this.table} WHERE id = ANY($1::text[])`, [ids], PREPARED);
    for (const row of rows) documents.set(row.id, toDocument<T>(row));
    return documents;
  }

  async upsertMany(writes: readonly DocumentWrite<T>[]): Promise<void> {
    if (writes.length === 0) return;
    await this.writeRows(writes, 'upsertMany', (param) => upsertRowsSql(this.table, param));
  }

  async insertMany(writes: readonly DocumentWrite<T>[]): Promise<void> {
    if (writes.length === 0) return;
    await this.writeRows(writes, 'insertMany', (param) => insertRowsSql(this.table, param));
  }

  /** upsertMany's or insertMany's statement: held in a transaction with writesLast, else run at once. */
  private async writeRows(writes: readonly DocumentWrite<T>[], operation: string, sql: (param: string) => string): Promise<void> {
    const rows = this.rowsOf(writes, operation);
    if (this.held) return this.held.hold({ table: this.table, definition: this.definition, sql, rows, ids: new Set(writes.map(({ id }) => id)) });
    await this.run(sql('$1'), [rows]);
  }

  /** One jsonb array of [id, data, transactionId, globalPosition]: cheaper to send and parse than an array per column. */
  private rowsOf(writes: readonly DocumentWrite<T>[], operation: string): unknown {
    const seen = new Set<string>();
    for (const { id } of writes) {
      validateId(id);
      if (seen.has(id)) throw new InvalidDocumentQueryError(`Document ${this.definition.name}/${id} is written twice in one ${operation}`);
      seen.add(id);
    }
    const rows = writes.map(({ id, data, checkpoint }) => [id, data, checkpoint?.transactionId.toString() ?? null, checkpoint?.globalPosition.toString() ?? null]);
    return this.executor.jsonArrayParam ? this.executor.jsonArrayParam(rows) : JSON.stringify(rows);
  }

  async upsert(id: string, data: T, options: UpsertOptions = {}): Promise<StoredDocument<T>> {
    validateId(id);
    await this.held?.write(this.table);
    const expected = options.expectedVersion ?? 'any';
    const values: unknown[] = [id, JSON.stringify(data), options.checkpoint?.transactionId.toString() ?? null, options.checkpoint?.globalPosition.toString() ?? null];
    const insert = `INSERT INTO ${this.table} AS doc (id, data, version, checkpoint_transaction_id, checkpoint_global_position) VALUES ($1, $2::jsonb, 1, $3, $4)`;
    // A write without a checkpoint keeps the one recorded, so replays stay idempotent.
    const assignments = `data = $2::jsonb, version = doc.version + 1,
      checkpoint_transaction_id = COALESCE($3, doc.checkpoint_transaction_id),
      checkpoint_global_position = COALESCE($4, doc.checkpoint_global_position)`;
    const returning = 'RETURNING version, checkpoint_transaction_id::text, checkpoint_global_position::text';
    let text: string;
    if (expected === 'any') {
      text = `${insert} ON CONFLICT (id) DO UPDATE SET ${assignments} ${returning}`;
    } else if (expected === 'absent' || expected === 0) {
      text = `${insert} ON CONFLICT (id) DO NOTHING ${returning}`;
    } else if (Number.isInteger(expected) && expected > 0) {
      values.push(expected);
      text = `UPDATE ${this.table} AS doc SET ${assignments} WHERE id = $1 AND version = $5 ${returning}`;
    } else {
      throw new InvalidDocumentQueryError(`Invalid expectedVersion ${String(expected)}`);
    }
    const { rows } = await this.run<Omit<DocumentRow, 'id' | 'data'>>(text, values);
    const row = rows[0];
    if (!row) throw await this.conflict(id, expected);
    return { id, version: row.version, data, checkpoint: toCheckpoint(row.checkpoint_transaction_id, row.checkpoint_global_position) };
  }

  async delete(id: string, options: DeleteOptions = {}): Promise<boolean> {
    await this.held?.write(this.table);
    const expected = options.expectedVersion ?? 'any';
    if (expected === 'any') {
      const { rows } = await this.executor.query(`DELETE FROM ${this.table} WHERE id = $1 RETURNING id`, [id], PREPARED);
      return rows.length > 0;
    }
    if (!Number.isInteger(expected) || expected < 1) throw new InvalidDocumentQueryError(`Invalid expectedVersion ${String(expected)}`);
    const { rows } = await this.executor.query(`DELETE FROM ${this.table} WHERE id = $1 AND version = $2 RETURNING id`, [id, expected], PREPARED);
    if (rows.length === 0) throw await this.conflict(id, expected);
    return true;
  }

  async deleteMany(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    await this.held?.write(this.table);
    const { rows } = await this.executor.query(`DELETE FROM ${this.table} WHERE id = ANY($1::text[]) RETURNING id`, [ids], PREPARED);
    return rows.length;
  }

  async find(options: FindOptions = {}): Promise<FindResult<T>> {
    await this.held?.write(this.table);
    const statements = buildFind(this.schema, this.definition, options, this.table);
    const { rows } = await this.executor.query<DocumentRow & { sort_key: string }>(statements.items.text, statements.items.values);
    const page = rows.slice(0, statements.limit);
    const last = page.at(-1);
    const total = 'carried' in statements.total ? statements.total.carried : await this.count(statements.total, page.length, rows.length > statements.limit);
    return {
      items: page.map((row) => toDocument<T>(row)),
      total: total.total,
      ...(total.capped ? { totalCapped: true } : {}),
      nextCursor: rows.length > statements.limit && last ? statements.cursorFor(last.id, last.sort_key, total) : null,
    };
  }

  async findValues(options: FindValuesOptions): Promise<ValuesPage> {
    await this.held?.write(this.table);
    const statements = buildFind(this.schema, this.definition, options, this.table);
    const { rows } = await this.executor.query<{ id: string; data: unknown[]; sort_key: string }>(statements.items.text, statements.items.values);
    const page = rows.slice(0, statements.limit);
    const last = page.at(-1);
    return { rows: page.map((row) => row.data), nextCursor: rows.length > statements.limit && last ? statements.cursorFor(last.id, last.sort_key, { total: 0, capped: false }) : null };
  }

  /** A first page that holds every match is its own count; only a longer list asks the database. */
  private async count({ count, upTo }: { count: { text: string; values: unknown[] }; upTo: number | undefined }, pageLength: number, more: boolean): Promise<Total> {
    if (!more) return { total: pageLength, capped: false };
    const { rows } = await this.executor.query<{ total: number }>(count.text, count.values);
    const counted = rows[0]?.total ?? 0;
    return upTo !== undefined && counted > upTo ? { total: upTo, capped: true } : { total: counted, capped: false };
  }

  async deleteAll(): Promise<void> {
    await this.held?.write(this.table);
    await this.executor.query(`DELETE FROM ${this.table}`);
  }

  private async conflict(id: string, expected: ExpectedDocumentVersion): Promise<DocumentVersionConflictError> {
    const current = await this.get(id);
    return new DocumentVersionConflictError(this.definition.name, id, expected, current?.version ?? 0);
  }

  /** Runs a write of the store's own text (prepared), turning a unique index violation into DocumentUniqueViolationError. */
  private async run<R>(text: string, values: unknown[]): Promise<{ rows: R[] }> {
    try {
      return await this.executor.query<R>(text, values, PREPARED);
    } catch (error) {
      throw uniqueViolationOf(error, [this.definition]);
    }
  }
}

export class SqlDocumentSession implements DocumentSession {
  constructor(
    protected readonly executor: SqlExecutor,
    protected readonly schema: string,
    /** Names of collections `ensureCollections` has set up, shared by a store and its transactions. */
    protected readonly readyCollections: Set<string>,
    /** Collections being rebuilt, by name: read and written in their rebuild tables. */
    private readonly rebuilding: ReadonlySet<string> = new Set(),
    /** A transaction's held writes (TransactionOptions.writesLast). */
    private readonly held?: HeldWrites,
  ) {}

  collection<T>(definition: CollectionDefinition<T>): DocumentCollection<T> {
    if (!this.readyCollections.has(definition.name)) throw new CollectionNotReadyError(definition.name);
    const { table } = this.rebuilding.has(definition.name) ? rebuildTables(definition) : liveTables(definition);
    return new SqlDocumentCollection(this.executor, this.schema, definition, tableName(this.schema, table), this.held);
  }

  async getCheckpoint(projectionName: string): Promise<GlobalCheckpoint | null> {
    await this.held?.write();
    const { rows } = await this.executor.query<{ transaction_id: string; global_position: string }>(
      `SELECT transaction_id::text, global_position::text FROM ${tableName(this.schema, CHECKPOINTS_TABLE)} WHERE projection_name = $1`,
      [projectionName],
      PREPARED,
    );
    return rows[0] ? toCheckpoint(rows[0].transaction_id, rows[0].global_position) : null;
  }

  async lockCheckpoint(projectionName: string): Promise<GlobalCheckpoint | null> {
    return (await this.lockCheckpoints([projectionName])).get(projectionName) ?? null;
  }

  /** One statement (the function of schemaDdl): advisory locks, taken in the names' sorted order, then the read. */
  async lockCheckpoints(projectionNames: readonly string[]): Promise<Map<string, GlobalCheckpoint | null>> {
    await this.held?.write();
    const names = [...new Set(projectionNames)].sort();
    const { rows } = await this.executor.query<{ projection_name: string; transaction_id: string | null; global_position: string | null }>(
      `SELECT projection_name, transaction_id, global_position FROM ${tableName(this.schema, LOCK_CHECKPOINTS_FUNCTION)}($1::text[])`,
      [names],
      PREPARED,
    );
    const checkpoints = new Map<string, GlobalCheckpoint | null>(names.map((name) => [name, null]));
    for (const row of rows) checkpoints.set(row.projection_name, toCheckpoint(row.transaction_id, row.global_position));
    return checkpoints;
  }

  async saveCheckpoint(projectionName: string, checkpoint: GlobalCheckpoint): Promise<void> {
    await this.saveCheckpoints(new Map([[projectionName, checkpoint]]));
  }

  async saveCheckpoints(checkpoints: ReadonlyMap<string, GlobalCheckpoint>): Promise<void> {
    if (checkpoints.size === 0) return;
    if (this.held) return this.held.holdCheckpoints(checkpoints);
    await this.executor.query(saveCheckpointsSql(this.schema), checkpointArrays(checkpoints), PREPARED);
  }
}

/**
 * A rebuild's page transactions plan each statement for its parameters and the new tables as they are. A connection keeps
 * the store's statements prepared (by their text, which names the table), and once one has been run five times
 * PostgreSQL may settle on a generic plan: a connection that had served an earlier rebuild (same table names) did so
 * at the next rebuild's first page, against its still empty tables, and read every page's documents with that plan, a
 * sequential scan of the growing table (decision 0018: 0.5–4 s a page at 200,000 events). Planning a statement costs
 * far less than one page's reads.
 */
const PLAN_FOR_EACH_RUN = 'SET LOCAL plan_cache_mode = force_custom_plan';

export abstract class SqlDocumentStore extends SqlDocumentSession implements DocumentStore {
  protected constructor(executor: SqlExecutor, schema: string) {
    super(executor, validateSchemaName(schema), new Set());
  }

  /** Runs `fn` with an executor bound to one open transaction; commits when it resolves, rolls back when it throws. */
  /**
   * Whether a rebuild builds its indexes with CREATE INDEX CONCURRENTLY, each statement outside a transaction. A plain
   * CREATE INDEX holds a transaction id while it sorts, and the event log's readers take nothing newer than the oldest
   * running transaction id of the whole PostgreSQL server: every live projection and every command that waits for its
   * read models would stand still for the build (seconds at a million sales). PGlite has one connection, which the
   * build holds either way.
   */
  protected abstract readonly buildsIndexesConcurrently: boolean;

  protected abstract runInTransaction<R>(fn: (executor: SqlExecutor) => Promise<R>, options?: TransactionOptions): Promise<R>;

  async ensureCollections(definitions: readonly CollectionDefinition<any>[]): Promise<void> {
    await this.runInTransaction(async (executor) => {
      // Concurrent CREATE ... IF NOT EXISTS can still collide in the catalog: serialise them, extensions per
      // database, collections per schema (the locks always in this order, so that two stores cannot deadlock).
      if (definitions.some((definition) => definition.searchIndexes.length > 0)) {
        await executor.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['elk.documents:extensions']);
        await executor.query(SEARCH_INDEX_EXTENSION_DDL);
      }
      await executor.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`elk.documents:${this.schema}`]);
      for (const statement of [...schemaDdl(this.schema), ...definitions.flatMap((definition) => collectionDdl(this.schema, definition))]) {
        await executor.query(statement);
      }
    });
    for (const definition of definitions) this.readyCollections.add(definition.name);
  }

  transaction<R>(fn: (session: DocumentSession) => Promise<R>, options?: TransactionOptions): Promise<R> {
    return this.runInTransaction(async (executor) => {
      const held = options?.writesLast ? new HeldWrites(executor, this.schema) : undefined;
      const result = await fn(new SqlDocumentSession(executor, this.schema, this.readyCollections, undefined, held));
      await held?.write(undefined, true);
      return result;
    }, options);
  }

  async startRebuild(definitions: readonly CollectionDefinition<any>[]): Promise<CollectionRebuild> {
    await this.ensureCollections(definitions);
    const dropRebuildTables = async (executor: SqlExecutor) => {
      for (const definition of definitions) await executor.query(`DROP TABLE IF EXISTS ${tableName(this.schema, rebuildTables(definition).table)}`);
    };
    await this.runInTransaction(async (executor) => {
      await executor.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`elk.documents:${this.schema}`]);
      await dropRebuildTables(executor);
      for (const definition of definitions) {
        await executor.query(collectionTableDdl(this.schema, definition, rebuildTables(definition)));
        for (const statement of collectionIndexDdl(this.schema, definition, rebuildTables(definition), { onlyNeededWhileRebuilding: true })) await executor.query(statement);
      }
    });
    const rebuilding = new Set(definitions.map((definition) => definition.name));
    const session = (executor: SqlExecutor) => new SqlDocumentSession(executor, this.schema, this.readyCollections, rebuilding);
    return {
      transaction: (fn) =>
        this.runInTransaction(async (executor) => {
          await executor.query(PLAN_FOR_EACH_RUN);
          return fn(session(executor));
        }),
      createIndexes: async () => {
        const concurrently = this.buildsIndexesConcurrently;
        const statements = definitions.flatMap((definition) => collectionIndexDdl(this.schema, definition, rebuildTables(definition), { concurrently }));
        if (concurrently) {
          for (const statement of statements) await this.executor.query(statement);
        } else {
          await this.runInTransaction(async (executor) => {
            for (const statement of statements) await executor.query(statement);
          });
        }
      },
      switchOver: (fn) =>
        this.runInTransaction(async (executor) => {
          const result = await fn(session(executor));
          for (const statement of definitions.flatMap((definition) => switchToRebuildDdl(this.schema, definition))) await executor.query(statement);
          return result;
        }),
      discard: () => this.runInTransaction(dropRebuildTables),
    };
  }
}
