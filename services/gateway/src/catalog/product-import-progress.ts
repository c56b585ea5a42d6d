import { Injectable } from '@nestjs/common';
import type { ProductImportProgressView } from '@elk/contracts';
import { HttpProblem } from '../http/problem';

/** How long a finished import's progress can still be read. */
const KEEP_FINISHED_MS = 10 * 60 * 1000;

export interface ImportTracker {
  advance(rows: number): void;
  finish(status: 'done' | 'failed'): void;
}

const untracked: ImportTracker = { advance: () => undefined, finish: () => undefined };

/**
 * The progress of running imports, kept in this gateway's memory: it is lost on restart, and behind a load balancer
 * only the instance that took the upload knows it (route the polls to it, e.g. by sticky sessions).
 */
@Injectable()
export class ProductImportProgress {
  private readonly imports = new Map<string, ProductImportProgressView>();

  /** Tracks an import the client named with an id of its choosing; one without an id is not tracked. */
  start(organisationId: string, importId: string | undefined, totalRows: number): ImportTracker {
    if (importId === undefined) return untracked;
    const key = `${organisationId}:${importId}`;
    if (this.imports.get(key)?.status === 'running') {
      throw new HttpProblem('RULE_VIOLATED', 'Загрузка с этим importId уже идёт', { errors: [{ path: 'importId', message: 'Загрузка с этим importId уже идёт' }] });
    }
    const progress: ProductImportProgressView = { processedRows: 0, totalRows, status: 'running' };
    this.imports.set(key, progress);
    return {
      advance: (rows) => (progress.processedRows += rows),
      finish: (status) => {
        progress.status = status;
        setTimeout(() => this.imports.get(key) === progress && this.imports.delete(key), KEEP_FINISHED_MS).unref();
      },
    };
  }

  get(organisationId: string, importId: string): ProductImportProgressView | undefined {
    const progress = this.imports.get(`${organisationId}:${importId}`);
    return progress && { ...progress };
  }
}
