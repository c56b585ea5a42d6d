export { IdentityModule, type IdentityModuleOptions } from './identity.module';
export { IdentityEnv, loadIdentityConfig, type IdentityConfig } from './identity.config';
export { identityProjections } from './identity.projections';
