import type { Role } from '@elk/contracts';

/**
 * The permission matrix: the single source for the gateway's guard and the cabinet's menus and buttons.
 * From the manual's roles table: the Owner and the Administrator may do everything (the rules about the
 * Owner's own account live in the employee decider); the Manager edits the catalog and reads the rest;
 * the Cashier reads the catalog, the employees and the journals (the sales journal narrows those to the Cashier's own
 * sales); the Guest reads the organisation, but not its workplaces, POS equipment and journals (the terminals and the
 * money are the managers' business).
 */
export const PERMISSIONS = [
  'organisation:read',
  'organisation:write',
  'legal-entities:read',
  'legal-entities:write',
  'sales-points:read',
  'sales-points:write',
  'employees:read',
  'employees:write',
  'workplaces:read',
  'workplaces:write',
  'pos-equipment:read',
  'extensions:read',
  'extensions:write',
  'catalog:read',
  'catalog:write',
  'journals:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const everything = [...PERMISSIONS];
const readEverything = PERMISSIONS.filter((p) => p.endsWith(':read'));

export const PERMISSION_MATRIX: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set(everything),
  admin: new Set(everything),
  manager: new Set<Permission>([...readEverything, 'catalog:write']),
  cashier: new Set<Permission>(['catalog:read', 'employees:read', 'journals:read']),
  guest: new Set(readEverything.filter((permission) => !['workplaces:read', 'pos-equipment:read', 'journals:read'].includes(permission))),
};

export function can(role: Role, permission: Permission): boolean {
  return PERMISSION_MATRIX[role].has(permission);
}
