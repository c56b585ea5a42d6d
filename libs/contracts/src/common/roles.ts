import { z } from 'zod';

/** Roles of the manual's table, strongest first. Permissions live in libs/auth. */
export const ROLES = ['owner', 'admin', 'manager', 'cashier', 'guest'] as const;
export const Role = z.enum(ROLES, { error: 'Выберите роль: Владелец, Администратор, Менеджер, Кассир или Гость' });
export type Role = z.infer<typeof Role>;

export const ROLE_LABELS_RU: Record<Role, string> = {
  owner: 'Владелец',
  admin: 'Администратор',
  manager: 'Менеджер',
  cashier: 'Кассир',
  guest: 'Гость',
};
