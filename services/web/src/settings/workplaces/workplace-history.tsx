import { WORKPLACE_STATUS_LABELS_RU, WORKPLACE_TYPE_LABELS_RU } from '@elk/contracts';
import { useTranslation } from 'react-i18next';
import { ChangeHistory, type HistorySource } from '../../history/change-history';
import { workplaceHistorySource } from './workplaces-api';

/** Field names of the history, as the card labels them. */
const FIELD_LABELS = {
  name: 'workplaces.name',
  number: 'workplaces.number',
  type: 'workplaces.type',
  salesPointId: 'workplaces.salesPoint',
  employeeId: 'workplaces.employee',
  status: 'workplaces.status',
} as const;

/** Names of the sales points and employees the history's ids stand for. */
export interface WorkplaceNames {
  salesPoints: ReadonlyMap<string, string>;
  employees: ReadonlyMap<string, string>;
}

/** «История изменений» of one workplace: types, statuses, sales points and employees by name. */
export function WorkplaceHistory({ id, names, shown }: { id: string; names: WorkplaceNames; shown?: boolean }) {
  const { t } = useTranslation();
  const formatValue = (field: string, value: unknown): string | undefined => {
    if (typeof value !== 'string') return undefined;
    switch (field) {
      case 'type':
        return (WORKPLACE_TYPE_LABELS_RU as Record<string, string>)[value];
      case 'status':
        return (WORKPLACE_STATUS_LABELS_RU as Record<string, string>)[value];
      case 'salesPointId':
        return names.salesPoints.get(value) ?? t('workplaces.deletedSalesPoint');
      case 'employeeId':
        return names.employees.get(value) ?? t('workplaces.deletedEmployee');
      default:
        return undefined;
    }
  };
  const source: HistorySource = { ...workplaceHistorySource(id), fieldLabels: FIELD_LABELS, formatValue };
  return <ChangeHistory source={source} shown={shown} />;
}
