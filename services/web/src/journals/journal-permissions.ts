import { can } from '@elk/auth';
import type { Role } from '@elk/contracts';

/** Who reads Журналы: the Owner, the Administrator and the Manager every sale, the Cashier only their own. */
export const JOURNAL_PERMISSIONS = ['journals:read', 'journals:read-own'] as const;

/** A role that reads only its own sales (the Cashier): the server answers with nothing else, the filters name no one. */
export function readsOnlyOwnSales(role: Role): boolean {
  return !can(role, 'journals:read');
}
