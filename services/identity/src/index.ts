export { IdentityModule, type IdentityModuleOptions } from './identity.module';
export { IdentityEnv, loadIdentityConfig, type IdentityConfig } from './identity.config';
export type { Clock } from './clock';
export { identityProjections } from './identity.projections';
