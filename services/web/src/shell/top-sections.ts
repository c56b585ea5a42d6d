import type { ParseKeys } from 'i18next';
import { JOURNAL_PERMISSIONS } from '../journals/journal-permissions';
import type { EntryPermission } from '../permitted';

/** The top menu. A section without a permission is open to every role; with a list, to a role with any of them. */
export interface TopSection {
  path: string;
  title: ParseKeys;
  permission: EntryPermission;
}

export const TOP_SECTIONS: readonly TopSection[] = [
  { path: '/catalog', title: 'menu.catalog', permission: 'catalog:read' },
  { path: '/journals', title: 'menu.journals', permission: JOURNAL_PERMISSIONS },
  { path: '/settings', title: 'menu.settings', permission: null },
];
