import type { Permission } from '@elk/auth';
import type { ParseKeys } from 'i18next';

/** The top menu. A section without a permission is open to every role. */
export interface TopSection {
  path: string;
  title: ParseKeys;
  permission: Permission | null;
}

export const TOP_SECTIONS: readonly TopSection[] = [
  { path: '/catalog', title: 'menu.catalog', permission: 'catalog:read' },
  { path: '/journals', title: 'menu.journals', permission: 'journals:read' },
  { path: '/settings', title: 'menu.settings', permission: null },
];
