import { SaleList, SaleView, TransactionList, TransactionListItem, WorkplaceList, type SaleListItem } from '@elk/contracts';
import { useQuery } from '@tanstack/react-query';
import { fetchAllPages } from '../api/all-pages';
import { apiJson } from '../api/api-client';
import { downloadFile } from '../api/download-file';
import { useSearchList, type ListRequest } from '../api/search-list';

export const SALES_PATH = '/journals/sales';
export const TRANSACTIONS_PATH = '/journals/transactions';

/** The address of Продажи with one sale's details open: what a transaction links to. */
export function salePagePath(id: string): string {
  return `${SALES_PATH}?sale=${encodeURIComponent(id)}`;
}

/** Журналы → Продажи, filtered and sorted on the server; a Cashier gets only their own. */
export function useSales(request: ListRequest) {
  return useSearchList<SaleListItem, SaleList>(['sales'], '/sales', SaleList, request);
}

/** One sale's details; another organisation's, or not the Cashier's own, is «не найдена». */
export function useSale(id: string | null) {
  return useQuery({ queryKey: ['sales', 'one', id], queryFn: () => apiJson(`/sales/${encodeURIComponent(id!)}`, SaleView), enabled: id !== null });
}

/** Журналы → Транзакции: every card and СБП payment and refund. */
export function useTransactions(request: ListRequest) {
  return useSearchList<TransactionListItem, TransactionList>(['transactions'], '/transactions', TransactionList, request);
}

export function useTransaction(id: string | null) {
  return useQuery({ queryKey: ['transactions', 'one', id], queryFn: () => apiJson(`/transactions/${encodeURIComponent(id!)}`, TransactionListItem), enabled: id !== null });
}

/** Every workplace of the organisation: for the journals' filter (the workplaces' own list lives in Настройки). */
export function useAllWorkplaces() {
  return useQuery({ queryKey: ['workplaces', 'all'], queryFn: () => fetchAllPages('/workplaces', WorkplaceList) });
}

export const JOURNAL_FILE_FORMATS = ['csv', 'xlsx'] as const;
export type JournalFileFormat = (typeof JOURNAL_FILE_FORMATS)[number];

/** The whole filtered journal is written while the user waits. */
const EXPORT_TIMEOUT_MS = 15 * 60_000;

/** Downloads the whole journal as filtered and sorted now (`/sales/export`, `/transactions/export`). */
export function exportJournal(journal: 'sales' | 'transactions', format: JournalFileFormat, { sort, filters }: Pick<ListRequest, 'sort' | 'filters'>): Promise<void> {
  const params = new URLSearchParams({ format });
  if (sort) params.set('sort', sort);
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  return downloadFile(`/${journal}/export?${params.toString()}`, `${journal}.${format}`, EXPORT_TIMEOUT_MS);
}
