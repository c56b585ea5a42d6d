import { History } from '@elk/contracts';
import { named } from './route';

/** What the resources' `…/{id}/history` routes answer. */
export const HistoryResponse = { status: 200, description: 'Записи истории, старые первыми', schema: named('History', History) };

export const IF_MATCH_DESCRIPTION = '`If-Match: <версия>` необязателен; устаревшая версия — 409.';
