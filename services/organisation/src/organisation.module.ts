import { Module, type DynamicModule } from '@nestjs/common';
import { CLOCK, eventRelayProvider, systemClock, type Clock } from '@elk/service-kit';
import { organisationIntegrationEvents } from './organisation.integration-events';
import { OrganisationProjections } from './organisation.projections';
import { AddEmployeeHandler } from './employees/commands/add-employee.handler';
import { DeleteEmployeeHandler } from './employees/commands/delete-employee.handler';
import { EmployeeRoster } from './employees/commands/employee-roster';
import { EmployeePinSender } from './employees/commands/employee-pin.sender';
import { SendEmployeePinHandler } from './employees/commands/send-employee-pin.handler';
import { InviteEmployeeHandler } from './employees/commands/invite-employee.handler';
import { SendEmployeePinsHandler } from './employees/commands/send-employee-pins.handler';
import { UpdateEmployeeHandler } from './employees/commands/update-employee.handler';
import { ConfirmEmployeePhoneHandler } from './employees/commands/confirm-employee-phone.handler';
import { GetEmployeeHistoryHandler } from './employees/queries/get-employee-history.handler';
import { GetEmployeeListHandler } from './employees/queries/get-employee-list.handler';
import { GetEmployeeHandler } from './employees/queries/get-employee.handler';
import { AddLegalEntityHandler } from './legal-entities/commands/add-legal-entity.handler';
import { DeleteLegalEntityHandler } from './legal-entities/commands/delete-legal-entity.handler';
import { UpdateLegalEntityHandler } from './legal-entities/commands/update-legal-entity.handler';
import { GetLegalEntityHistoryHandler } from './legal-entities/queries/get-legal-entity-history.handler';
import { GetLegalEntityListHandler } from './legal-entities/queries/get-legal-entity-list.handler';
import { GetLegalEntityHandler } from './legal-entities/queries/get-legal-entity.handler';
import { SECRET_BOX, SecretBox } from './legal-entities/secret-box';
import { AddSalesPointHandler } from './sales-points/commands/add-sales-point.handler';
import { DeleteSalesPointHandler } from './sales-points/commands/delete-sales-point.handler';
import { SetSalesPointPaymentMethodsHandler } from './sales-points/commands/set-sales-point-payment-methods.handler';
import { UpdateSalesPointHandler } from './sales-points/commands/update-sales-point.handler';
import { GetSalesPointHistoryHandler } from './sales-points/queries/get-sales-point-history.handler';
import { GetSalesPointListHandler } from './sales-points/queries/get-sales-point-list.handler';
import { GetSalesPointHandler } from './sales-points/queries/get-sales-point.handler';
import { SignUpHandler } from './organisations/commands/sign-up.handler';
import { GetOrganisationHandler } from './organisations/queries/get-organisation.handler';

export interface OrganisationModuleOptions {
  /** ELK_SECRETS_KEY: the 32-byte AES-256-GCM key the Честный Знак tokens are encrypted with. */
  secretsKey: Buffer;
  /** Where the time comes from; tests move it forward. */
  clock?: Clock;
  /** Integration events go to `<prefix>.organisation.<EventType>` (default `elk.evt`); tests use their own stream's. */
  eventSubjectPrefix?: string;
}

/**
 * The merchant (tenant): sign-up, the organisation's details, its legal entities, sales points and employees, served on the bus. Needs InfrastructureModule
 * (event store, documents store, bus, logger) from the composition root, and identity on the bus. Relays its
 * events to the bus as integration events.
 */
@Module({})
export class OrganisationModule {
  static forRoot(options: OrganisationModuleOptions): DynamicModule {
    return {
      module: OrganisationModule,
      providers: [
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        OrganisationProjections,
        eventRelayProvider(organisationIntegrationEvents, { subjectPrefix: options.eventSubjectPrefix }),
        { provide: SECRET_BOX, useValue: new SecretBox(options.secretsKey) },
        EmployeeRoster,
        EmployeePinSender,
      ],
      controllers: [
        SignUpHandler,
        GetOrganisationHandler,
        AddLegalEntityHandler,
        UpdateLegalEntityHandler,
        DeleteLegalEntityHandler,
        GetLegalEntityListHandler,
        GetLegalEntityHandler,
        GetLegalEntityHistoryHandler,
        AddSalesPointHandler,
        UpdateSalesPointHandler,
        SetSalesPointPaymentMethodsHandler,
        DeleteSalesPointHandler,
        GetSalesPointListHandler,
        GetSalesPointHandler,
        GetSalesPointHistoryHandler,
        AddEmployeeHandler,
        UpdateEmployeeHandler,
        ConfirmEmployeePhoneHandler,
        SendEmployeePinHandler,
        InviteEmployeeHandler,
        SendEmployeePinsHandler,
        DeleteEmployeeHandler,
        GetEmployeeListHandler,
        GetEmployeeHandler,
        GetEmployeeHistoryHandler,
      ],
    };
  }
}
