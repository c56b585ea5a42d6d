import { randomUUID } from 'node:crypto';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { Controller, Inject } from '@nestjs/common';
import { DomainError, HEADER_CORRELATION_ID, PRODUCT_FILE_COLUMNS, productFileHeaderProblems, type Actor, ImportProductRows, type ImportProductRowsResult, type ImportRowResult, type ProductFields, CatalogSubjects } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, DOCUMENT_STORE, EVENT_STORE, LOGGER, busCommandMetadata, handleCommand, readStreamState, BusPayload, BusActor, type BusHandlerContext, type Clock, type Logger, type StreamState } from '@elk/service-kit';
import { categoriesCollection } from '../../categories/queries/category-list.projection';
import { CatalogProjections } from '../../catalog.projections';
import { allOrganisationDocuments } from '../../organisation-documents';
import { unitsCollection } from '../../units/queries/unit-list.projection';
import { ProductWriter } from '../commands/product-writer';
import { productCodeDecider, productCodeStreamId } from '../product-code.decider';
import { productCodesOf, productDecider, productStreamId, type ProductCommand, type ProductRecord, type ProductState } from '../product.decider';
import { productsCollection } from '../queries/product-list.projection';
import { ProductFileLookups } from './product-file-lookups';
import { productImportDecider, productImportStreamId } from './product-import.decider';
import { productRowConverter, rowErrorOf, type ConvertedRow, type RowError } from './product-row.converter';
import { CATALOG_QUEUE } from '../../catalog.queue';
import { inParallel } from '../../in-parallel';

/** Rows written at once; each row's write is a few small appends, so this keeps the database busy, not swamped. */
const CONCURRENT_ROWS = 16;

/** What a row is matched by: its article, any of its barcodes, or (with neither) its name. */
type CodeKind = 'article' | 'barcode';
type MatchKey = { kind: CodeKind | 'name'; code: string };

const keyString = (key: MatchKey) => `${key.kind}:${key.code}`;

/** The article first: a row is matched by it before its barcodes. */
function matchKeysOf(fields: ProductFields): MatchKey[] {
  const codes = productCodesOf(fields).sort((a, b) => Number(b.kind === 'article') - Number(a.kind === 'article'));
  return codes.length > 0 ? codes : [{ kind: 'name', code: fields.name }];
}

/** What the merchant reads for a row that failed on our side: the cause is logged, the rest of the file is reported. */
export const ROW_NOT_WRITTEN = 'Строка не загружена из-за сбоя на сервере: загрузите файл ещё раз, уже загруженные строки не изменятся';

const KEY_NAMES = { article: 'артикул', barcode: 'штрихкод' } as const;
const KEY_COLUMNS = { article: 'Артикул', barcode: 'Штрихкоды' } as const;

/** Whether the product (live) is the one the key names now. */
function answersTo(product: ProductRecord, key: MatchKey): boolean {
  if (key.kind === 'name') return product.name === key.code && productCodesOf(product).length === 0;
  return productCodesOf(product).some((held) => held.kind === key.kind && held.code === key.code);
}

/** The file's columns that the row has, the rest as the product has them. */
function mergedFields(product: ProductRecord, fields: ProductFields, columns: ReadonlySet<keyof ProductFields>): ProductFields {
  return Object.fromEntries(PRODUCT_FILE_COLUMNS.map(({ field }) => [field, columns.has(field) ? fields[field] : product[field]])) as ProductFields;
}

/**
 * Rows of a product file, matched to the organisation's products by article first, then by any barcode, and (for a
 * row with neither) by the name of a product that has neither either. A match is updated, others created, through
 * the same writer the product card uses; a row that changes nothing writes nothing. A later row of the batch with an
 * article, barcode or code-less name of an earlier row is matched to the earlier row's product, as it would be in a
 * later batch. A row whose article and barcodes belong to different products is refused, naming them.
 */
@Controller()
export class ImportProductRowsHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly writer: ProductWriter,
    private readonly projections: CatalogProjections,
  ) {}

  /** Waits once, at the end, for the product list to show what the batch wrote: the next batch matches names in it. */
  @MessagePattern(CatalogSubjects.ImportProductRows, { queue: CATALOG_QUEUE })
  async execute(@BusPayload(ImportProductRows) command: ImportProductRows, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<ImportProductRowsResult> {
    const problems = productFileHeaderProblems([...new Set(command.rows.flatMap((row) => Object.keys(row.cells)))]);
    if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', problems.map((problem) => problem.message).join('. '), problems);

    const convert = productRowConverter(await this.lookupsOf(actor.organisationId));
    const rows = command.rows.map((row) => ({ line: row.line, converted: convert(row.cells) }));
    const codelessByName = await this.codelessProductsNamed(actor.organisationId, rows);
    const batch = new ImportBatch({ eventStore: this.eventStore, clock: this.clock, logger: this.logger, writer: this.writer }, actor, context, command.apply, codelessByName);
    const results: ImportRowResult[] = [];
    await inParallel(rowsSharingKeys(rows), CONCURRENT_ROWS, async (group) => {
      for (const index of group) results[index] = await batch.importRow(rows[index]!.line, rows[index]!.converted);
    });
    await this.recordWritten(command.importId, batch, results, actor, context);
    await Promise.all([...batch.written].map(([productId, { version }]) => this.projections.waitForStream(productStreamId(actor.organisationId, productId), version)));
    return { results };
  }

  /** What the batch wrote, under its import: «Отменить импорт» undoes exactly that. */
  private async recordWritten(importId: string, batch: ImportBatch, results: readonly ImportRowResult[], actor: Actor, context: BusHandlerContext): Promise<void> {
    // In the file's order (the rows were written several at a time).
    const productIds = [...new Set(results.flatMap(({ productId }) => (productId !== undefined && batch.written.has(productId) ? [productId] : [])))];
    const products = productIds.map((productId) => ({ productId, versionBefore: batch.versionsBefore.get(productId)!, versionAfter: batch.written.get(productId)!.version }));
    if (products.length === 0) return;
    const { organisationId } = actor;
    await handleCommand(
      this.eventStore,
      productImportStreamId(organisationId, importId),
      productImportDecider,
      { type: 'RecordImportBatch', organisationId, importId, products, at: this.clock.now().toISOString() },
      busCommandMetadata(context, organisationId, actor.accountId),
    );
  }

  private async lookupsOf(organisationId: string): Promise<ProductFileLookups> {
    const [units, categories] = await Promise.all([
      allOrganisationDocuments(this.documents, unitsCollection, organisationId),
      allOrganisationDocuments(this.documents, categoriesCollection, organisationId),
    ]);
    return new ProductFileLookups(units, categories);
  }

  /** Product ids by name, of the products without article and barcodes named like a row that has neither. */
  private async codelessProductsNamed(organisationId: string, rows: ReadonlyArray<{ converted: ConvertedRow }>): Promise<Map<string, string[]>> {
    const names = rows.flatMap(({ converted }) => (converted.valid && productCodesOf(converted.fields).length === 0 ? [converted.fields.name] : []));
    const byName = new Map<string, string[]>();
    if (names.length === 0) return byName;
    for (const product of await allOrganisationDocuments(this.documents, productsCollection, organisationId, { name: { in: [...new Set(names)] } })) {
      if (productCodesOf(product).length === 0) byName.set(product.name, [...(byName.get(product.name) ?? []), product.id]);
    }
    return byName;
  }
}

interface Match {
  key: MatchKey;
  product: ProductRecord;
  version: number;
}

/** One batch's import: the products its rows have written (or would write, in a preview) so far. */
class ImportBatch {
  /** Match key → the product an earlier row of the batch wrote (or would write) with it. */
  private readonly holders = new Map<string, string>();
  private readonly products = new Map<string, StreamState<ProductState>>();
  /** The products the batch wrote, and their versions after. */
  readonly written = new Map<string, StreamState<ProductState>>();
  /** The versions of those products before the batch first wrote them (0: created). */
  readonly versionsBefore = new Map<string, number>();

  constructor(
    private readonly services: { eventStore: EventStore; clock: Clock; logger: Logger; writer: ProductWriter },
    private readonly actor: Actor,
    private readonly context: BusHandlerContext,
    private readonly apply: boolean,
    private readonly codelessByName: ReadonlyMap<string, readonly string[]>,
  ) {}

  async importRow(line: number, converted: ConvertedRow): Promise<ImportRowResult> {
    if (!converted.valid) return { line, outcome: 'invalid', name: converted.name, errors: converted.errors };
    const matches = await this.matchesOf(matchKeysOf(converted.fields));
    const distinct = matches.filter((match, index) => matches.findIndex((other) => other.product.productId === match.product.productId) === index);
    if (distinct.length > 1) return { line, outcome: 'invalid', name: converted.fields.name, errors: [ambiguity(distinct)] };

    const match = distinct[0];
    const { organisationId } = this.actor;
    const productId = match?.product.productId ?? randomUUID();
    const fields = match ? mergedFields(match.product, converted.fields, converted.columns) : converted.fields;
    const current = match ? { state: { product: match.product }, version: match.version } : { state: productDecider.initialState, version: 0 };
    const references = { unitFound: true, categoryFound: true };
    const at = this.services.clock.now().toISOString();
    const command: ProductCommand = match
      ? { type: 'UpdateProduct', organisationId, productId, fields, references, expectedVersion: match.version, at }
      : { type: 'AddProduct', organisationId, productId, fields, references, at };
    const row = { line, productId, name: fields.name };

    try {
      const events = productDecider.decide(command, current.state);
      if (events.length === 0) return { ...row, outcome: 'unchanged' };
      const after = { state: events.reduce(productDecider.evolve, current.state), version: current.version + events.length };
      if (this.apply) {
        await this.services.writer.save({ productId, fields, expectedVersion: match?.version, waitForList: false, known: current, origin: 'import' }, this.actor, this.context);
        if (!this.versionsBefore.has(productId)) this.versionsBefore.set(productId, current.version);
        this.written.set(productId, after);
      }
      this.remember(productId, fields, after);
      return { ...row, outcome: match ? 'updated' : 'created' };
    } catch (error) {
      if (error instanceof DomainError) return { ...row, outcome: 'invalid', errors: error.errors?.map(rowErrorOf) ?? [{ field: null, message: error.message }] };
      // Failing the batch would lose the report of the rows written before this one.
      const correlationId = this.context.headers[HEADER_CORRELATION_ID];
      this.services.logger.error({ err: error, line, productId, organisationId, correlationId }, 'product import row failed');
      return { ...row, outcome: 'invalid', errors: [{ field: null, message: ROW_NOT_WRITTEN }] };
    }
  }

  private remember(productId: string, fields: ProductFields, written: StreamState<ProductState>): void {
    this.products.set(productId, written);
    for (const key of matchKeysOf(fields)) this.holders.set(keyString(key), productId);
  }

  /** The live products the keys name now, in the keys' order (article first). */
  private async matchesOf(keys: readonly MatchKey[]): Promise<Match[]> {
    const found = await Promise.all(
      keys.map(async (key) => {
        const candidates = await this.candidatesFor(key);
        const live = await Promise.all(candidates.map((productId) => this.productState(productId)));
        return live.flatMap(({ state, version }) => (state.product && !state.product.deleted && answersTo(state.product, key) ? [{ key, product: state.product, version }] : []));
      }),
    );
    return found.flat();
  }

  private async candidatesFor(key: MatchKey): Promise<readonly string[]> {
    const earlier = this.holders.get(keyString(key));
    if (earlier !== undefined) return [earlier];
    if (key.kind === 'name') return this.codelessByName.get(key.code) ?? [];
    // The claim's holder may have dropped the code since (claims stay, see product-code.decider.ts): answersTo checks.
    const claim = await readStreamState(this.services.eventStore, productCodeStreamId(this.actor.organisationId, key.kind, key.code), productCodeDecider);
    return claim.state.claim ? [claim.state.claim.productId] : [];
  }

  private async productState(productId: string): Promise<StreamState<ProductState>> {
    return this.products.get(productId) ?? readStreamState(this.services.eventStore, productStreamId(this.actor.organisationId, productId), productDecider);
  }
}

/** Why a row that names several products cannot be imported: what names which. */
function ambiguity(matches: readonly Match[]): RowError {
  if (matches[0]!.key.kind === 'name') {
    return { field: 'Наименование', message: `Товаров «${matches[0]!.product.name}» без артикула и штрихкодов несколько: укажите в строке артикул или штрихкод` };
  }
  const which = matches.map(({ key, product }) => `${KEY_NAMES[key.kind as CodeKind]} ${key.code} — у товара «${product.name}»`).join(', ');
  return { field: KEY_COLUMNS[matches[1]!.key.kind as CodeKind], message: `Строка подходит к разным товарам: ${which}. Исправьте артикул или штрихкоды` };
}

/** Indices of rows that share a match key, in file order; a row with none (an invalid one) is a group of its own. */
function rowsSharingKeys(rows: ReadonlyArray<{ converted: ConvertedRow }>): number[][] {
  const parent = rows.map((_, index) => index);
  const root = (index: number): number => (parent[index] === index ? index : (parent[index] = root(parent[index]!)));
  const firstWithKey = new Map<string, number>();
  rows.forEach(({ converted }, index) => {
    if (!converted.valid) return;
    for (const key of matchKeysOf(converted.fields).map(keyString)) {
      const earlier = firstWithKey.get(key);
      if (earlier === undefined) firstWithKey.set(key, index);
      else parent[root(index)] = root(earlier);
    }
  });
  const groups = new Map<number, number[]>();
  rows.forEach((_, index) => {
    const group = groups.get(root(index));
    if (group) group.push(index);
    else groups.set(root(index), [index]);
  });
  return [...groups.values()];
}
