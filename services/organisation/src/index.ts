export { OrganisationModule, type OrganisationModuleOptions } from './organisation.module';
export { OrganisationEnv, loadOrganisationConfig, type OrganisationConfig } from './organisation.config';
export { organisationStreamId } from './organisations/organisation.decider';
export type { SignUpResult } from './organisations/commands/sign-up.handler';
export { organisationProjections } from './organisation.projections';
export { legalEntitiesStreamId } from './legal-entities/legal-entity.decider';
export { salesPointStreamId } from './sales-points/sales-point.decider';
export { employeesStreamId } from './employees/employee.decider';
