import { BankTerminalList, FiscalRegisterList } from '@elk/contracts';
import { useSearchList, type ListRequest } from '../../api/search-list';

/** Where each tab's devices live in the API and under which query key (a card's history sits under it). */
export const EQUIPMENT_SOURCES = {
  'fiscal-registers': { rootKey: ['fiscal-registers'], path: '/fiscal-registers' },
  'bank-terminals': { rootKey: ['bank-terminals'], path: '/bank-terminals' },
} as const;
export type EquipmentTab = keyof typeof EQUIPMENT_SOURCES;

/** Фискальные регистраторы, filtered on the server by serial, registration number, model or ФН number. */
export function useFiscalRegisters(request: ListRequest) {
  const { rootKey, path } = EQUIPMENT_SOURCES['fiscal-registers'];
  return useSearchList(rootKey, path, FiscalRegisterList, request);
}

/** Банковские терминалы, filtered on the server by TID, MID or model. */
export function useBankTerminals(request: ListRequest) {
  const { rootKey, path } = EQUIPMENT_SOURCES['bank-terminals'];
  return useSearchList(rootKey, path, BankTerminalList, request);
}

/** The history of one device, under its tab's key. */
export function equipmentHistorySource(tab: EquipmentTab, id: string) {
  const { rootKey, path } = EQUIPMENT_SOURCES[tab];
  return { queryKey: [...rootKey, 'one', id] as const, path: `${path}/${encodeURIComponent(id)}/history` };
}
