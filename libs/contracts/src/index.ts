import './common/russian-errors';

export * from './common/bus';
export * from './common/fields';
export * from './common/history';
export * from './common/russian-tax-ids';
export * from './common/problem';
export * from './common/roles';
export * from './common/russian-errors';
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
