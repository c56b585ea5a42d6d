import { Inject, Injectable } from '@nestjs/common';
import { ProductImportProgressView } from '@elk/contracts';
import { HttpProblem } from '../http/problem';
import { EXPIRING_RECORDS, type ExpiringRecordStore } from '../records/expiring-record.store';

/** How long an import's progress can still be read after its last change. */
const KEEP_SECONDS = 10 * 60;

export interface ImportTracker {
  advance(rows: number): Promise<void>;
  finish(status: 'done' | 'failed'): Promise<void>;
}

const untracked: ImportTracker = { advance: async () => undefined, finish: async () => undefined };

/**
 * The progress of running imports, in the records every gateway instance sees (Redis when there is one): a poll
 * may reach another instance than the one reading the upload.
 */
@Injectable()
export class ProductImportProgress {
  constructor(@Inject(EXPIRING_RECORDS) private readonly records: ExpiringRecordStore) {}

  /** Tracks an import the client named with an id of its choosing; one without an id is not tracked. */
  async start(organisationId: string, importId: string | undefined, totalRows: number): Promise<ImportTracker> {
    if (importId === undefined) return untracked;
    const key = keyOf(organisationId, importId);
    const progress: ProductImportProgressView = { processedRows: 0, totalRows, status: 'running' };
    const earlier = await this.records.putIfAbsent(key, JSON.stringify(progress), KEEP_SECONDS);
    if (earlier !== null) {
      if (ProductImportProgressView.parse(JSON.parse(earlier)).status === 'running') {
        throw new HttpProblem('RULE_VIOLATED', 'Загрузка с этим importId уже идёт', { errors: [{ path: 'importId', message: 'Загрузка с этим importId уже идёт' }] });
      }
      await this.save(key, progress);
    }
    return {
      advance: (rows) => {
        progress.processedRows += rows;
        return this.save(key, progress);
      },
      finish: (status) => {
        progress.status = status;
        return this.save(key, progress);
      },
    };
  }

  async get(organisationId: string, importId: string): Promise<ProductImportProgressView | undefined> {
    const record = await this.records.get(keyOf(organisationId, importId));
    return record === null ? undefined : ProductImportProgressView.parse(JSON.parse(record));
  }

  private save(key: string, progress: ProductImportProgressView): Promise<void> {
    return this.records.put(key, JSON.stringify(progress), KEEP_SECONDS);
  }
}

const keyOf = (organisationId: string, importId: string) => `import-progress:${organisationId}:${importId}`;
