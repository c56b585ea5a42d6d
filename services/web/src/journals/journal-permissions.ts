import type { Role } from '@elk/contracts';

/** A Cashier reads only their own sales (the sales journal answers with nothing else): their filters name no one. */
export function readsOnlyOwnSales(role: Role): boolean {
  return role === 'cashier';
}
