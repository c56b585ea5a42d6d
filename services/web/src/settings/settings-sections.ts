import type { SideSection } from '../shell/section-layout';

/**
 * The left menu of Настройки, in the manual's order. A section shows when it is `available` (built
 * already) and the role has its permission (none: every role).
 */
export interface SettingsSection extends SideSection {
  available: boolean;
}

export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
  { path: 'profile', title: 'settings.profile', permission: null, available: true },
  { path: 'legal-entities', title: 'settings.legalEntities', permission: 'legal-entities:read', available: true },
  { path: 'sales-points', title: 'settings.salesPoints', permission: 'sales-points:read', available: true },
  { path: 'employees', title: 'settings.employees', permission: 'employees:read', available: true },
  { path: 'workplaces', title: 'settings.workplaces', permission: 'workplaces:read', available: true },
  { path: 'pos-equipment', title: 'settings.posEquipment', permission: 'pos-equipment:read', available: true },
];
