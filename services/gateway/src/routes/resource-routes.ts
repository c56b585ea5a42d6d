import { BulkResult, History } from '@elk/contracts';
import { named } from './route';

/** What the resources' `…/{id}/history` routes answer. */
export const HistoryResponse = { status: 200, description: 'Записи истории, старые первыми', schema: named('History', History) };

export const IF_MATCH_DESCRIPTION = '`If-Match: <версия>` необязателен; устаревшая версия — 409.';

/** What a bulk action answers: the records it changed, and those it refused with the reason. */
export const bulkResponse = (description: string) => ({ status: 200, description, schema: named('BulkResult', BulkResult) });

/** A bulk action may touch a thousand records: far longer than a card's request may take. */
export const BULK_TIMEOUT_MS = 120_000;
