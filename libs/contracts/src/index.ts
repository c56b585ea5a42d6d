// Zod's messages in Russian, wherever contracts are loaded. package.json's "sideEffects" names this file and this
// one: the cabinet's bundler leaves out every other module whose exports it does not use.
import './common/russian-errors';

export * from './common/bus';
export * from './common/fields';
export * from './common/history';
export * from './common/list-query';
export * from './common/russian-tax-ids';
export * from './common/problem';
export * from './common/roles';
export * from './common/storable-text';
export * from './common/russian-errors';
export * from './common/spreadsheet-formulas';
export * from './identity/identity.events';
export * from './identity/identity.http';
export * from './identity/identity.messages';
export * from './notifications/notifications.http';
export * from './notifications/notifications.messages';
export * from './organisation/organisation.events';
export * from './organisation/legal-entity.http';
export * from './organisation/legal-entity.events';
export * from './organisation/organisation.messages';
export * from './organisation/sales-point.http';
export * from './organisation/sales-point.events';
export * from './organisation/employee.http';
export * from './organisation/employee.events';
export * from './catalog/catalog.messages';
export * from './catalog/categories.http';
export * from './catalog/categories.events';
export * from './catalog/units.http';
export * from './catalog/ffd-measures';
export * from './catalog/units.events';
export * from './catalog/products.http';
export * from './catalog/products.events';
export * from './catalog/product-import';
export * from './catalog/product-fiscal-codes';
export * from './catalog/oksm-countries';
