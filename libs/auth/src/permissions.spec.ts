import { can, PERMISSION_MATRIX } from './permissions';

describe('permission matrix', () => {
  it('lets the Owner and the Administrator do everything', () => {
    expect(can('owner', 'employees:write')).toBe(true);
    expect(can('admin', 'legal-entities:write')).toBe(true);
  });

  it('lets the Manager edit the catalog but not the organisation settings', () => {
    expect(can('manager', 'catalog:write')).toBe(true);
    expect(can('manager', 'sales-points:read')).toBe(true);
    expect(can('manager', 'sales-points:write')).toBe(false);
    expect(can('manager', 'employees:write')).toBe(false);
  });

  it('lets the Cashier only read the catalog, the employees and the journals (their own sales)', () => {
    expect([...PERMISSION_MATRIX.cashier].sort()).toEqual(['catalog:read', 'employees:read', 'journals:read']);
  });

  it('lets the Guest read everything but the workplaces, POS equipment and journals, and write nothing', () => {
    expect([...PERMISSION_MATRIX.guest].every((p) => p.endsWith(':read'))).toBe(true);
    expect(can('guest', 'journals:read')).toBe(false);
    expect(can('guest', 'organisation:read')).toBe(true);
    expect(can('guest', 'catalog:write')).toBe(false);
    expect(can('guest', 'workplaces:read')).toBe(false);
    expect(can('guest', 'pos-equipment:read')).toBe(false);
  });

  it('lets the Owner, the Administrator and the Manager read the POS equipment, and nobody else', () => {
    expect((['owner', 'admin', 'manager', 'cashier', 'guest'] as const).filter((role) => can(role, 'pos-equipment:read'))).toEqual(['owner', 'admin', 'manager']);
  });

  it('lets the Manager read the workplaces, and only the Owner and the Administrator manage them', () => {
    expect((['owner', 'admin', 'manager', 'cashier', 'guest'] as const).map((role) => [can(role, 'workplaces:read'), can(role, 'workplaces:write')])).toEqual([
      [true, true],
      [true, true],
      [true, false],
      [false, false],
      [false, false],
    ]);
  });
});
