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

  it('lets the Cashier only read the catalog and the employees', () => {
    expect([...PERMISSION_MATRIX.cashier].sort()).toEqual(['catalog:read', 'employees:read']);
  });

  it('lets the Guest read everything and write nothing', () => {
    expect([...PERMISSION_MATRIX.guest].every((p) => p.endsWith(':read'))).toBe(true);
    expect(can('guest', 'journals:read')).toBe(true);
    expect(can('guest', 'catalog:write')).toBe(false);
  });
});
