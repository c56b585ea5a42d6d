import { BulkResult, ProductImportProgressView, ProductImportReport } from '@elk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../api/api-client';
import { downloadFile } from '../../api/download-file';
import { useIdempotentWrite } from '../../api/idempotent-write';
import { newIdempotencyKey } from '../../api/idempotency-key';
import { PRODUCTS_ROOT_KEY } from './products-api';

const EXPORT_PATH = '/catalog/products/export';
const IMPORT_PATH = '/catalog/products/import';
/** The gateway takes product files of up to 20 MB. */
export const MAX_PRODUCT_FILE_BYTES = 20 * 1024 * 1024;
const PROGRESS_POLL_MS = 500;

export const PRODUCT_FILE_FORMATS = ['csv', 'xlsx'] as const;
export type ProductFileFormat = (typeof PRODUCT_FILE_FORMATS)[number];
const CONTENT_TYPES: Record<ProductFileFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The list's filters as «Все товары» has them, which the export repeats. */
export interface ProductFilters {
  search: string;
  /** A category's id, `none` («Без категории»), or undefined: every product. */
  categoryId: string | undefined;
  /** undefined: the list's own order. */
  sort: string | undefined;
}

/**
 * A whole file (200,000 lines at most) is loaded or written while the user waits: longer than any other call, and
 * the import's progress requests meanwhile show whether the server is still there.
 */
const FILE_TIMEOUT_MS = 15 * 60_000;

/** Downloads the whole filtered list as a file, named as the server names it («Товары 2026-11-28.csv»). */
export async function exportProducts(format: ProductFileFormat, { search, categoryId, sort }: ProductFilters): Promise<void> {
  const params = new URLSearchParams({ format });
  if (search) params.set('search', search);
  if (sort) params.set('sort', sort);
  if (categoryId) params.set('categoryId', categoryId);
  await downloadFile(`${EXPORT_PATH}?${params.toString()}`, `products.${format}`, FILE_TIMEOUT_MS);
}

/** The format a chosen file is in, by its extension; undefined for any other file. */
export function productFileFormatOf(file: File): ProductFileFormat | undefined {
  const extension = file.name.split('.').pop()?.toLowerCase();
  return PRODUCT_FILE_FORMATS.find((format) => format === extension);
}

export interface ImportRequest {
  file: File;
  format: ProductFileFormat;
  /** false: a preview that writes nothing. */
  apply: boolean;
  /** The id the progress is polled by. */
  importId: string;
}

/** Sends a product file to check (`apply: false`) or to load; a load refreshes «Все товары». */
export function useImportProducts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, format, apply, importId }: ImportRequest) => {
      const params = new URLSearchParams({ apply: String(apply), importId });
      // The type by the extension: browsers name a CSV file's type differently (Windows: application/vnd.ms-excel).
      const body = new Blob([file], { type: CONTENT_TYPES[format] });
      return apiJson(`${IMPORT_PATH}?${params.toString()}`, ProductImportReport, { method: 'POST', body, timeoutMs: FILE_TIMEOUT_MS });
    },
    onSuccess: (_, { apply }) => (apply ? queryClient.invalidateQueries({ queryKey: PRODUCTS_ROOT_KEY }) : undefined),
  });
}

export const newImportId = newIdempotencyKey;

/** How far a running import got, polled while `importId` is given (`waiting` until the gateway has read the file). */
export function useImportProgress(importId: string | null) {
  return useQuery({
    queryKey: ['catalog', 'product-import', importId],
    enabled: importId !== null,
    queryFn: () => apiJson(`${IMPORT_PATH}/${encodeURIComponent(importId!)}`, ProductImportProgressView),
    refetchInterval: (query) => (query.state.data === undefined || ['waiting', 'running'].includes(query.state.data.status) ? PROGRESS_POLL_MS : false),
    staleTime: 0,
    gcTime: 0,
  });
}

/** «Отменить импорт»: what the import created is deleted, what it changed restored; what was changed since stays. */
export function useUndoImport() {
  const queryClient = useQueryClient();
  const write = useIdempotentWrite();
  return useMutation({
    mutationFn: (importId: string) => write(`${IMPORT_PATH}/${encodeURIComponent(importId)}/undo`, { method: 'POST' }, BulkResult),
    onSettled: () => queryClient.invalidateQueries({ queryKey: PRODUCTS_ROOT_KEY }),
  });
}
