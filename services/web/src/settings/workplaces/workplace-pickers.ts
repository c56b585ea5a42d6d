import type { WorkplaceView } from '@elk/contracts';
import { formatPhone } from '../../format-phone';
import type { FormSelectOption } from '../../forms/form-select';
import { useAllEmployees } from '../employees/employees-api';
import { useAllSalesPoints } from '../sales-points/sales-points-api';
import type { WorkplaceNames } from './workplace-history';

/** What the workplace cards pick from: the sales points and the employees (Фамилия Имя, the phone the SMS goes to). */
export interface WorkplacePickers {
  pending: boolean;
  failed: boolean;
  salesPoints: FormSelectOption[];
  employees: FormSelectOption[];
  names: WorkplaceNames;
  /** Whom an SMS went to: «Фамилия Имя Отчество, +7 …» (the phone when the employee is listed). */
  recipient: (employee: { employeeId: string; employeeName: string }) => string;
}

/** The organisation's sales points and employees for a workplace's card; the workplace's own stay listed when deleted since. */
export function useWorkplacePickers(workplace: WorkplaceView | null): WorkplacePickers {
  const salesPoints = useAllSalesPoints();
  const employees = useAllEmployees();
  const pointOptions: FormSelectOption[] = (salesPoints.data ?? []).map(({ id, name, address }) => ({ value: id, label: name, description: address }));
  const employeeOptions: FormSelectOption[] = (employees.data ?? []).map(({ id, lastName, firstName, phone }) => ({ value: id, label: `${lastName} ${firstName}`, description: formatPhone(phone) }));
  if (workplace && !pointOptions.some(({ value }) => value === workplace.salesPointId)) pointOptions.push({ value: workplace.salesPointId, label: workplace.salesPointName });
  if (workplace && !employeeOptions.some(({ value }) => value === workplace.employeeId)) employeeOptions.push({ value: workplace.employeeId, label: workplace.employeeName });
  const phones = new Map((employees.data ?? []).map(({ id, phone }) => [id, formatPhone(phone)]));
  return {
    pending: salesPoints.isPending || employees.isPending,
    failed: salesPoints.isError || employees.isError,
    salesPoints: pointOptions,
    employees: employeeOptions,
    names: {
      salesPoints: new Map((salesPoints.data ?? []).map(({ id, name }) => [id, name])),
      employees: new Map((employees.data ?? []).map(({ id, fullName }) => [id, fullName])),
    },
    recipient: ({ employeeId, employeeName }) => [employeeName, phones.get(employeeId)].filter(Boolean).join(', '),
  };
}
