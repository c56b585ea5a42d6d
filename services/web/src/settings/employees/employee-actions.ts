import { can } from '@elk/auth';
import type { EmployeeView, MeResponse } from '@elk/contracts';

/** What the ⋮ menu of an employee's row offers; the server refuses the same things. */
export interface EmployeeActions {
  edit: boolean;
  sendPin: boolean;
  /** «Пригласить в кабинет»: the same rule as a PIN-code. */
  invite: boolean;
  remove: boolean;
}

/**
 * Who may do what to an employee: writing needs employees:write; only the Owner themselves may change
 * the Owner or send them a PIN-code or an invitation; nobody deletes the Owner or themselves.
 */
export function employeeActions(viewer: Pick<MeResponse, 'accountId' | 'role'>, employee: Pick<EmployeeView, 'id' | 'role'>): EmployeeActions {
  const self = employee.id === viewer.accountId;
  const owner = employee.role === 'owner';
  const change = can(viewer.role, 'employees:write') && (!owner || self);
  return { edit: change, sendPin: change, invite: change, remove: change && !owner && !self };
}
