import { LEGAL_ENTITY_TYPE_LABELS_RU, TAX_SYSTEM_LABELS_RU, type LegalEntityType } from '@elk/contracts';
import { ChangeHistory, type HistorySource } from '../../history/change-history';
import { legalEntityHistoryKey } from './legal-entities-api';

/** Field names of the history, as the card labels them. */
const FIELD_LABELS = {
  type: 'legalEntities.type',
  name: 'legalEntities.name',
  inn: 'legalEntities.inn',
  kpp: 'legalEntities.kpp',
  ogrn: 'legalEntities.ogrn',
  legalAddress: 'legalEntities.legalAddress',
  taxSystem: 'legalEntities.taxSystem',
  chestnyZnakToken: 'legalEntities.tokenShort',
} as const;

const VALUE_LABELS: Record<string, Record<string, string>> = { type: LEGAL_ENTITY_TYPE_LABELS_RU, taxSystem: TAX_SYSTEM_LABELS_RU };

function formatValue(field: string, value: unknown): string | undefined {
  return typeof value === 'string' ? VALUE_LABELS[field]?.[value] : undefined;
}

/** «История изменений» of one legal entity, loaded when it is first expanded; an ИП's ОГРН is its ОГРНИП. */
export function LegalEntityHistory({ id, type }: { id: string; type: LegalEntityType }) {
  const source: HistorySource = {
    queryKey: legalEntityHistoryKey(id),
    path: `/legal-entities/${encodeURIComponent(id)}/history`,
    fieldLabels: type === 'ip' ? { ...FIELD_LABELS, ogrn: 'legalEntities.ogrnip' } : FIELD_LABELS,
    formatValue,
  };
  return <ChangeHistory source={source} />;
}
