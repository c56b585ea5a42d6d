import { can, type Permission } from '@elk/auth';
import type { Role } from '@elk/contracts';

/** Menu entries the role may see: those without a permission, or whose permission it has. */
export function permitted<T extends { permission: Permission | null }>(entries: readonly T[], role: Role): T[] {
  return entries.filter(({ permission }) => permission === null || can(role, permission));
}
