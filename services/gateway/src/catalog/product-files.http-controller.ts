import { randomUUID } from 'node:crypto';
import {
  CatalogSubjects,
  CategoryList,
  ImportProductRowsResult,
  MAX_REPORTED_IMPORT_ERRORS,
  ProductList,
  UnitList,
  categoryPaths,
  productFileHeaderProblems,
  productFileRow,
  type ProductImportProgressView,
  type ProductImportReport,
  type ProductFileNames,
  type ErrorCode,
} from '@elk/contracts';
import { systemClock } from '@elk/service-kit';
import { Body, Controller, Headers, Res } from '@nestjs/common';
import { errorCodes, type FastifyInstance, type FastifyReply } from 'fastify';
import { ServiceBus, type Caller } from '../bus/service-bus';
import { allPages, attachment, firstPageFirst } from '../files/file-answers';
import { HttpProblem, toProblem } from '../http/problem';
import { CorrelationId, CurrentActor, type SessionActor } from '../http/request-context';
import { Route, RouteInput, routerPath, type InputOf } from '../routes/route';
import {
  PRODUCT_FILE_BODY_LIMIT_BYTES,
  PRODUCT_FILE_CONTENT_TYPES,
  PRODUCT_FILE_FORMATS,
  csvProductFile,
  readCsvProductFile,
  readXlsxProductFile,
  xlsxProductFile,
  type ProductFileContent,
  type ProductFileFormat,
} from './product-file-formats';
import { ProductFileRoutes } from './product-files.routes';
import { ProductImportProgress, type ImportTracker } from './product-import-progress';

export const PRODUCT_IMPORT_PATH = routerPath(ProductFileRoutes.import.path);
/** Products, units and categories read per request while exporting (the list's largest page). */
const EXPORT_PAGE_SIZE = 200;
/** Rows sent to the catalog per request while importing. */
const IMPORT_BATCH_ROWS = 500;
/** A batch writes hundreds of products: far longer than a card's request may take. */
const IMPORT_BATCH_TIMEOUT_MS = 120_000;

/** The file types the import takes, read as raw bytes on the import route only; other routes refuse them. */
export function acceptProductFiles(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(
    Object.values(PRODUCT_FILE_CONTENT_TYPES),
    { parseAs: 'buffer', bodyLimit: PRODUCT_FILE_BODY_LIMIT_BYTES },
    (request, body, done) => {
      if (request.routeOptions.url === PRODUCT_IMPORT_PATH) done(null, body);
      else done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(request.headers['content-type']), undefined);
    },
  );
}

const NOT_A_PRODUCT_FILE = `Отправьте файл CSV (Content-Type: text/csv) или Excel (Content-Type: ${PRODUCT_FILE_CONTENT_TYPES.xlsx})`;

function formatOf(contentType: string | undefined): ProductFileFormat | undefined {
  const essence = contentType?.split(';')[0]?.trim().toLowerCase();
  return PRODUCT_FILE_FORMATS.find((format) => PRODUCT_FILE_CONTENT_TYPES[format] === essence);
}

async function allItems<T>(pages: AsyncGenerator<T[]>): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) items.push(...page);
  return items;
}

/**
 * The problem a batch of a load failed with, saying what the batches before it loaded: those rows are written (the
 * failed batch's may be in part), and loading the file again changes nothing in them.
 */
function interruptedImport(error: unknown, line: number, loaded: ProductImportReport): HttpProblem {
  const { problem, failure } = toProblem(error, PRODUCT_FILE_BODY_LIMIT_BYTES);
  const counts = `создано ${loaded.created}, обновлено ${loaded.updated}, без изменений ${loaded.unchanged}, с ошибками ${loaded.invalid}`;
  const message = `Загрузка прервалась на строке ${line}: ${problem.detail ?? problem.title}. Строки до неё загружены (${counts}), следующие — возможно, не все. Загрузите файл ещё раз: уже загруженные строки не изменятся`;
  return new HttpProblem(problem.code as ErrorCode, message, { status: problem.status, failure });
}

/** Каталог → Все товары → Экспорт / Импорт: the whole filtered list as a file, and a file back into the catalog. */
@Controller()
export class ProductFilesHttpController {
  constructor(
    private readonly bus: ServiceBus,
    private readonly progress: ProductImportProgress,
  ) {}

  /** Streams the file page by page; the first page is read before the answer starts, so that its errors are problems. */
  @Route(ProductFileRoutes.export)
  async export(
    @RouteInput() { query }: InputOf<typeof ProductFileRoutes.export>,
    @CurrentActor() actor: SessionActor,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const caller = { actor, correlationId };
    const { format, ...filters } = query;
    const names = await this.namesOf(caller);
    const pages = allPages((cursor) =>
      this.bus.request(CatalogSubjects.GetProductList, { ...filters, limit: EXPORT_PAGE_SIZE, cursor }, ProductList, caller),
    );
    const rows = await firstPageFirst(pages, (product) => productFileRow(product, names));
    const date = systemClock.now().toISOString().slice(0, 10);
    void reply
      .header('content-type', format === 'csv' ? `${PRODUCT_FILE_CONTENT_TYPES.csv}; charset=utf-8` : PRODUCT_FILE_CONTENT_TYPES.xlsx)
      .header('content-disposition', attachment(`Товары ${date}.${format}`, `products-${date}.${format}`))
      .send(format === 'csv' ? csvProductFile(rows) : xlsxProductFile(rows));
  }

  @Route(ProductFileRoutes.import)
  async import(
    @RouteInput() { query }: InputOf<typeof ProductFileRoutes.import>,
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @CurrentActor() actor: SessionActor,
    @CorrelationId() correlationId: string,
  ): Promise<ProductImportReport> {
    const format = formatOf(contentType);
    if (format === undefined || !Buffer.isBuffer(body)) throw new HttpProblem('VALIDATION_FAILED', NOT_A_PRODUCT_FILE, { errors: [{ path: '', message: NOT_A_PRODUCT_FILE }] });
    const file = format === 'csv' ? readCsvProductFile(body) : await readXlsxProductFile(body);
    const problems = productFileHeaderProblems(file.headers);
    if (problems.length > 0) throw new HttpProblem('VALIDATION_FAILED', problems.map((problem) => problem.message).join('. '), { errors: problems });
    if (file.rows.length === 0) throw new HttpProblem('VALIDATION_FAILED', 'В файле нет ни одного товара', { errors: [{ path: '', message: 'В файле нет ни одного товара' }] });

    const tracker = await this.progress.start(actor.organisationId, query.importId, file.rows.length);
    // What a load writes is recorded under its id, so that it can be undone.
    const importId = query.importId ?? randomUUID();
    try {
      const answer = await this.importRows(importId, file.rows, query.apply, { actor, correlationId, timeoutMs: IMPORT_BATCH_TIMEOUT_MS }, tracker);
      await tracker.finish('done');
      return answer;
    } catch (error) {
      // The import's own error is the one to answer with, even if the progress cannot be saved.
      await tracker.finish('failed').catch(() => undefined);
      throw error;
    }
  }

  @Route(ProductFileRoutes.importProgress)
  async importProgress(@RouteInput() { id }: InputOf<typeof ProductFileRoutes.importProgress>, @CurrentActor() actor: SessionActor): Promise<ProductImportProgressView> {
    // The client asks as soon as it starts sending the file, which the gateway reads first: nothing known yet is «waiting».
    return (await this.progress.get(actor.organisationId, id)) ?? { processedRows: 0, totalRows: 0, status: 'waiting' };
  }

  private async importRows(importId: string, rows: ProductFileContent['rows'], apply: boolean, caller: Caller, tracker: ImportTracker): Promise<ProductImportReport> {
    const answer: ProductImportReport = { importId, created: 0, updated: 0, unchanged: 0, invalid: 0, errors: [] };
    for (let start = 0; start < rows.length; start += IMPORT_BATCH_ROWS) {
      const batch = rows.slice(start, start + IMPORT_BATCH_ROWS);
      const { results } = await this.bus.request(CatalogSubjects.ImportProductRows, { importId, rows: batch, apply }, ImportProductRowsResult, caller).catch((error: unknown) => {
        throw apply ? interruptedImport(error, batch[0]!.line, answer) : error;
      });
      for (const result of results) {
        answer[result.outcome] += 1;
        for (const error of result.errors ?? []) {
          if (answer.errors.length < MAX_REPORTED_IMPORT_ERRORS) answer.errors.push({ line: result.line, name: result.name, ...error });
        }
      }
      await tracker.advance(batch.length);
    }
    return answer;
  }

  private async namesOf(caller: Caller): Promise<ProductFileNames> {
    const [units, categories] = await Promise.all([
      allItems(allPages((cursor) => this.bus.request(CatalogSubjects.GetUnitList, { limit: EXPORT_PAGE_SIZE, cursor }, UnitList, caller))),
      allItems(allPages((cursor) => this.bus.request(CatalogSubjects.GetCategoryList, { limit: EXPORT_PAGE_SIZE, cursor }, CategoryList, caller))),
    ]);
    return { unitNames: new Map(units.map((unit) => [unit.id, unit.name])), categoryPaths: categoryPaths(categories) };
  }
}
