import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  AddEmployee,
  ConfirmEmployeePhone,
  DeleteEmployee,
  GetEmployee,
  GetEmployeeHistory,
  GetEmployeeList,
  SendEmployeePin,
  UpdateEmployee,
  AddLegalEntity,
  AddSalesPoint,
  DeleteSalesPoint,
  GetSalesPoint,
  GetSalesPointHistory,
  GetSalesPointList,
  SetSalesPointPaymentMethods,
  UpdateSalesPoint,
  DeleteLegalEntity,
  GetLegalEntity,
  GetLegalEntityHistory,
  GetLegalEntityList,
  GetOrganisation,
  OrganisationSubjects,
  SignUp,
  UpdateLegalEntity,
} from '@elk/contracts';
import type { Closeable, MessageBus } from '@elk/messaging';
import { MESSAGE_BUS, actorIn, busHandler, serveBusHandlers } from '@elk/service-kit';
import { AddEmployeeHandler } from '../employees/commands/add-employee.handler';
import { ConfirmEmployeePhoneHandler } from '../employees/commands/confirm-employee-phone.handler';
import { DeleteEmployeeHandler } from '../employees/commands/delete-employee.handler';
import { SendEmployeePinHandler } from '../employees/commands/send-employee-pin.handler';
import { UpdateEmployeeHandler } from '../employees/commands/update-employee.handler';
import { GetEmployeeHistoryHandler } from '../employees/queries/get-employee-history.handler';
import { GetEmployeeListHandler } from '../employees/queries/get-employee-list.handler';
import { GetEmployeeHandler } from '../employees/queries/get-employee.handler';
import { AddLegalEntityHandler } from '../legal-entities/commands/add-legal-entity.handler';
import { DeleteLegalEntityHandler } from '../legal-entities/commands/delete-legal-entity.handler';
import { UpdateLegalEntityHandler } from '../legal-entities/commands/update-legal-entity.handler';
import { GetLegalEntityHistoryHandler } from '../legal-entities/queries/get-legal-entity-history.handler';
import { GetLegalEntityListHandler } from '../legal-entities/queries/get-legal-entity-list.handler';
import { GetLegalEntityHandler } from '../legal-entities/queries/get-legal-entity.handler';
import { AddSalesPointHandler } from '../sales-points/commands/add-sales-point.handler';
import { DeleteSalesPointHandler } from '../sales-points/commands/delete-sales-point.handler';
import { SetSalesPointPaymentMethodsHandler } from '../sales-points/commands/set-sales-point-payment-methods.handler';
import { UpdateSalesPointHandler } from '../sales-points/commands/update-sales-point.handler';
import { GetSalesPointHistoryHandler } from '../sales-points/queries/get-sales-point-history.handler';
import { GetSalesPointListHandler } from '../sales-points/queries/get-sales-point-list.handler';
import { GetSalesPointHandler } from '../sales-points/queries/get-sales-point.handler';
import { SignUpHandler } from '../organisations/commands/sign-up.handler';
import { GetOrganisationHandler } from '../organisations/queries/get-organisation.handler';

export const ORGANISATION_QUEUE = 'organisation';

/** Serves every OrganisationSubjects subject in the 'organisation' queue group from bootstrap until shutdown. */
@Injectable()
export class OrganisationBusController implements OnApplicationBootstrap, OnModuleDestroy {
  private serving?: Closeable;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly signUp: SignUpHandler,
    private readonly getOrganisation: GetOrganisationHandler,
    private readonly addLegalEntity: AddLegalEntityHandler,
    private readonly updateLegalEntity: UpdateLegalEntityHandler,
    private readonly deleteLegalEntity: DeleteLegalEntityHandler,
    private readonly getLegalEntityList: GetLegalEntityListHandler,
    private readonly getLegalEntity: GetLegalEntityHandler,
    private readonly getLegalEntityHistory: GetLegalEntityHistoryHandler,
    private readonly addSalesPoint: AddSalesPointHandler,
    private readonly updateSalesPoint: UpdateSalesPointHandler,
    private readonly setSalesPointPaymentMethods: SetSalesPointPaymentMethodsHandler,
    private readonly deleteSalesPoint: DeleteSalesPointHandler,
    private readonly getSalesPointList: GetSalesPointListHandler,
    private readonly getSalesPoint: GetSalesPointHandler,
    private readonly getSalesPointHistory: GetSalesPointHistoryHandler,
    private readonly addEmployee: AddEmployeeHandler,
    private readonly updateEmployee: UpdateEmployeeHandler,
    private readonly sendEmployeePin: SendEmployeePinHandler,
    private readonly confirmEmployeePhone: ConfirmEmployeePhoneHandler,
    private readonly deleteEmployee: DeleteEmployeeHandler,
    private readonly getEmployeeList: GetEmployeeListHandler,
    private readonly getEmployee: GetEmployeeHandler,
    private readonly getEmployeeHistory: GetEmployeeHistoryHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.serving = await serveBusHandlers(this.bus, ORGANISATION_QUEUE, [
      busHandler({ subject: OrganisationSubjects.SignUp, schema: SignUp, requiresActor: false, handle: (command, context) => this.signUp.execute(command, context) }),
      busHandler({
        subject: OrganisationSubjects.GetOrganisation,
        schema: GetOrganisation,
        requiresActor: true,
        handle: (query, context) => this.getOrganisation.execute(query, actorIn(context)),
      }),
      busHandler({
        subject: OrganisationSubjects.AddLegalEntity,
        schema: AddLegalEntity,
        requiresActor: true,
        handle: (command, context) => this.addLegalEntity.execute(command, actorIn(context), context),
      }),
      busHandler({
        subject: OrganisationSubjects.UpdateLegalEntity,
        schema: UpdateLegalEntity,
        requiresActor: true,
        handle: (command, context) => this.updateLegalEntity.execute(command, actorIn(context), context),
      }),
      busHandler({
        subject: OrganisationSubjects.DeleteLegalEntity,
        schema: DeleteLegalEntity,
        requiresActor: true,
        handle: (command, context) => this.deleteLegalEntity.execute(command, actorIn(context), context),
      }),
      busHandler({
        subject: OrganisationSubjects.GetLegalEntityList,
        schema: GetLegalEntityList,
        requiresActor: true,
        handle: (query, context) => this.getLegalEntityList.execute(query, actorIn(context)),
      }),
      busHandler({
        subject: OrganisationSubjects.GetLegalEntity,
        schema: GetLegalEntity,
        requiresActor: true,
        handle: (query, context) => this.getLegalEntity.execute(query, actorIn(context)),
      }),
      busHandler({
        subject: OrganisationSubjects.GetLegalEntityHistory,
        schema: GetLegalEntityHistory,
        requiresActor: true,
        handle: (query, context) => this.getLegalEntityHistory.execute(query, actorIn(context), context),
      }),
      busHandler({
        subject: OrganisationSubjects.AddSalesPoint,
        schema: AddSalesPoint,
        requiresActor: true,
        handle: (message, context) => this.addSalesPoint.execute(message, actorIn(context), context),
      }),
      busHandler({
        subject: OrganisationSubjects.UpdateSalesPoint,
        schema: UpdateSalesPoint,
        requiresActor: true,
        handle: (message, context) => this.updateSalesPoint.execute(message, actorIn(context), context),
      }),
      busHandler({
        subject: OrganisationSubjects.SetSalesPointPaymentMethods,
        schema: SetSalesPointPaymentMethods,
        requiresActor: true,
        handle: (message, context) => this.setSalesPointPaymentMethods.execute(message, actorIn(context), context),
      }),
      busHandler({
        subject: OrganisationSubjects.DeleteSalesPoint,
        schema: DeleteSalesPoint,
        requiresActor: true,
        handle: (message, context) => this.deleteSalesPoint.execute(message, actorIn(context), context),
      }),
      busHandler({
        subject: OrganisationSubjects.GetSalesPointList,
        schema: GetSalesPointList,
        requiresActor: true,
        handle: (message, context) => this.getSalesPointList.execute(message, actorIn(context)),
      }),
      busHandler({
        subject: OrganisationSubjects.GetSalesPoint,
        schema: GetSalesPoint,
        requiresActor: true,
        handle: (message, context) => this.getSalesPoint.execute(message, actorIn(context)),
      }),
      busHandler({
        subject: OrganisationSubjects.GetSalesPointHistory,
        schema: GetSalesPointHistory,
        requiresActor: true,
        handle: (message, context) => this.getSalesPointHistory.execute(message, actorIn(context), context),
      }),
      busHandler({
        subject: OrganisationSubjects.AddEmployee,
        schema: AddEmployee,
        requiresActor: true,
        handle: (message, context) => this.addEmployee.execute(message, actorIn(context), context),
      }),
      busHandler({
        subject: OrganisationSubjects.UpdateEmployee,
        schema: UpdateEmployee,
        requiresActor: true,
        handle: (message, context) => this.updateEmployee.execute(message, actorIn(context), context),
      }),
      busHandler({
        subject: OrganisationSubjects.SendEmployeePin,
        schema: SendEmployeePin,
        requiresActor: true,
        handle: (message, context) => this.sendEmployeePin.execute(message, actorIn(context), context),
      }),
      busHandler({
        subject: OrganisationSubjects.ConfirmEmployeePhone,
        schema: ConfirmEmployeePhone,
        requiresActor: true,
        handle: (message, context) => this.confirmEmployeePhone.execute(message, actorIn(context), context),
      }),
      busHandler({
        subject: OrganisationSubjects.DeleteEmployee,
        schema: DeleteEmployee,
        requiresActor: true,
        handle: (message, context) => this.deleteEmployee.execute(message, actorIn(context), context),
      }),
      busHandler({
        subject: OrganisationSubjects.GetEmployeeList,
        schema: GetEmployeeList,
        requiresActor: true,
        handle: (message, context) => this.getEmployeeList.execute(message, actorIn(context)),
      }),
      busHandler({
        subject: OrganisationSubjects.GetEmployee,
        schema: GetEmployee,
        requiresActor: true,
        handle: (message, context) => this.getEmployee.execute(message, actorIn(context)),
      }),
      busHandler({
        subject: OrganisationSubjects.GetEmployeeHistory,
        schema: GetEmployeeHistory,
        requiresActor: true,
        handle: (message, context) => this.getEmployeeHistory.execute(message, actorIn(context), context),
      }),
    ]);
  }

  async onModuleDestroy(): Promise<void> {
    await this.serving?.close();
  }
}
