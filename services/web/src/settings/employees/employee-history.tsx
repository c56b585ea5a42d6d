import { ROLE_LABELS_RU } from '@elk/contracts';
import { formatPhone } from '../../format-phone';
import { ChangeHistory, type HistorySource } from '../../history/change-history';
import { employeeHistorySource } from './employees-api';

/** Field names of the history, as the card labels them. */
const FIELD_LABELS = {
  lastName: 'employees.lastName',
  firstName: 'employees.firstName',
  patronymic: 'employees.patronymic',
  phone: 'employees.phone',
  email: 'employees.email',
  role: 'employees.role',
} as const;

function formatValue(field: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (field === 'role') return (ROLE_LABELS_RU as Record<string, string>)[value];
  return field === 'phone' ? formatPhone(value) : undefined;
}

/** «История изменений» of one employee (with every «Отправить новый PIN-код»), loaded when it is first expanded. */
export function EmployeeHistory({ id }: { id: string }) {
  const source: HistorySource = { ...employeeHistorySource(id), fieldLabels: FIELD_LABELS, formatValue };
  return <ChangeHistory source={source} />;
}
