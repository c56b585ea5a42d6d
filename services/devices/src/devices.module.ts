import { Module, type DynamicModule } from '@nestjs/common';
import { CLOCK, systemClock, type Clock } from '@elk/service-kit';
import { DevicesProjections } from './devices.projections';
import { ReportEquipmentHandler } from './equipment/commands/report-equipment.handler';
import { EquipmentDesk } from './equipment/equipment-desk';
import { BankTerminalQueriesHandler } from './equipment/queries/bank-terminal-queries.handler';
import { FiscalRegisterQueriesHandler } from './equipment/queries/fiscal-register-queries.handler';
import { OrganisationDirectory } from './organisation-directory/organisation-directory';
import { OrganisationEventsHandler } from './organisation-directory/organisation-events.handler';
import { ActivateDeviceHandler } from './terminals/activate-device.handler';
import { AuthenticateDeviceHandler } from './terminals/authenticate-device.handler';
import { GetTerminalSessionHandler } from './terminals/get-terminal-session.handler';
import { GetTerminalSettingsHandler } from './terminals/get-terminal-settings.handler';
import { LogInTerminalHandler } from './terminals/log-in-terminal.handler';
import { TerminalSecrets } from './terminals/terminal-secrets';
import { TERMINAL_SECRETS } from './terminals/terminal-secrets.provider';
import { ActivationCodes } from './workplaces/activation-codes';
import { AddWorkplaceHandler } from './workplaces/commands/add-workplace.handler';
import { DeactivateWorkplaceHandler } from './workplaces/commands/deactivate-workplace.handler';
import { DeleteWorkplaceHandler } from './workplaces/commands/delete-workplace.handler';
import { IssueActivationCodeHandler } from './workplaces/commands/issue-activation-code.handler';
import { UpdateWorkplaceHandler } from './workplaces/commands/update-workplace.handler';
import { GetWorkplaceHistoryHandler } from './workplaces/queries/get-workplace-history.handler';
import { GetWorkplaceListHandler } from './workplaces/queries/get-workplace-list.handler';
import { GetWorkplaceHandler } from './workplaces/queries/get-workplace.handler';
import { WorkplaceDesk } from './workplaces/workplace-desk';

export interface DevicesModuleOptions {
  /** ELK_SECRETS_KEY: activation codes and device credentials are checked with keys derived from it. */
  secretsKey: Buffer;
  /** Where the time comes from; tests move it forward. */
  clock?: Clock;
}

/**
 * Workplaces (Настройки → Рабочие места), their activation codes, the terminals' credentials and the POS equipment
 * terminals report (Настройки → POS оборудование), served on the bus.
 * Needs InfrastructureModule from the composition root, identity (SMS with the code) and organisation (sales points
 * and employees) on the bus; keeps a directory of organisation's sales points and employees from its events.
 */
@Module({})
export class DevicesModule {
  static forRoot(options: DevicesModuleOptions): DynamicModule {
    return {
      module: DevicesModule,
      providers: [
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: TERMINAL_SECRETS, useValue: new TerminalSecrets(options.secretsKey) },
        DevicesProjections,
        OrganisationDirectory,
        ActivationCodes,
        WorkplaceDesk,
        EquipmentDesk,
      ],
      controllers: [
        OrganisationEventsHandler,
        AddWorkplaceHandler,
        UpdateWorkplaceHandler,
        DeleteWorkplaceHandler,
        IssueActivationCodeHandler,
        DeactivateWorkplaceHandler,
        GetWorkplaceListHandler,
        GetWorkplaceHandler,
        GetWorkplaceHistoryHandler,
        ActivateDeviceHandler,
        AuthenticateDeviceHandler,
        GetTerminalSettingsHandler,
        LogInTerminalHandler,
        GetTerminalSessionHandler,
        ReportEquipmentHandler,
        FiscalRegisterQueriesHandler,
        BankTerminalQueriesHandler,
      ],
    };
  }
}
