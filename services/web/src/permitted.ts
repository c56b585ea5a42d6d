import { can, type Permission } from '@elk/auth';
import type { Role } from '@elk/contracts';

/** Who may see a menu entry: every role (null), a role with the permission, or with any one of the permissions. */
export type EntryPermission = Permission | readonly Permission[] | null;

/** Whether the role has the permission, or any one of them. */
export function canAny(role: Role, permission: Exclude<EntryPermission, null>): boolean {
  return typeof permission === 'string' ? can(role, permission) : permission.some((one) => can(role, one));
}

/** Menu entries the role may see: those without a permission, or whose permission (any of them) it has. */
export function permitted<T extends { permission: EntryPermission }>(entries: readonly T[], role: Role): T[] {
  return entries.filter(({ permission }) => permission === null || canAny(role, permission));
}
