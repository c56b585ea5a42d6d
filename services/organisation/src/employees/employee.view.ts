import { employeeFullName, type EmployeeView } from '@elk/contracts';
import type { EmployeeRecord } from './employee.decider';

export function employeeView(employee: EmployeeRecord): EmployeeView {
  const { employeeId, version, lastName, firstName, patronymic, phone, email, role, pinSentAt, createdAt, updatedAt } = employee;
  return { id: employeeId, version, lastName, firstName, patronymic, fullName: employeeFullName(employee), phone, email, role, pinSentAt, createdAt, updatedAt };
}
