import { z } from 'zod';
import { email, fullName, mobilePhone, organisationName, password } from '../common/fields';
import { CabinetUrl } from '../identity/identity.http';
import { AddLegalEntityRequest, LegalEntityListQuery, UpdateLegalEntityRequest } from './legal-entity.http';
import { AddEmployeeRequest, ConfirmEmployeePhoneRequest, EmployeeListQuery, SendEmployeePinsRequest, UpdateEmployeeRequest } from './employee.http';
import { AddSalesPointRequest, SalesPointListQuery, SetPaymentMethodsRequest, UpdateSalesPointRequest } from './sales-point.http';

/** Bus subjects and payloads of the organisation service. */
export const OrganisationSubjects = {
  SignUp: 'elk.organisation.cmd.SignUp',
  GetOrganisation: 'elk.organisation.qry.GetOrganisation',
  AddLegalEntity: 'elk.organisation.cmd.AddLegalEntity',
  UpdateLegalEntity: 'elk.organisation.cmd.UpdateLegalEntity',
  DeleteLegalEntity: 'elk.organisation.cmd.DeleteLegalEntity',
  GetLegalEntityList: 'elk.organisation.qry.GetLegalEntityList',
  GetLegalEntity: 'elk.organisation.qry.GetLegalEntity',
  GetLegalEntityHistory: 'elk.organisation.qry.GetLegalEntityHistory',
  AddSalesPoint: 'elk.organisation.cmd.AddSalesPoint',
  UpdateSalesPoint: 'elk.organisation.cmd.UpdateSalesPoint',
  SetSalesPointPaymentMethods: 'elk.organisation.cmd.SetSalesPointPaymentMethods',
  DeleteSalesPoint: 'elk.organisation.cmd.DeleteSalesPoint',
  GetSalesPointList: 'elk.organisation.qry.GetSalesPointList',
  GetSalesPoint: 'elk.organisation.qry.GetSalesPoint',
  GetSalesPointHistory: 'elk.organisation.qry.GetSalesPointHistory',
  AddEmployee: 'elk.organisation.cmd.AddEmployee',
  UpdateEmployee: 'elk.organisation.cmd.UpdateEmployee',
  DeleteEmployee: 'elk.organisation.cmd.DeleteEmployee',
  SendEmployeePin: 'elk.organisation.cmd.SendEmployeePin',
  InviteEmployee: 'elk.organisation.cmd.InviteEmployee',
  /** «Отправить PIN» to the selected employees: SendEmployeePins → BulkResult. */
  SendEmployeePins: 'elk.organisation.cmd.SendEmployeePins',
  ConfirmEmployeePhone: 'elk.organisation.cmd.ConfirmEmployeePhone',
  GetEmployeeList: 'elk.organisation.qry.GetEmployeeList',
  GetEmployee: 'elk.organisation.qry.GetEmployee',
  GetEmployeeHistory: 'elk.organisation.qry.GetEmployeeHistory',
} as const;

/** Creates the organisation and its Owner account. Ids come from the caller (idempotent retries). */
export const SignUp = z.object({
  organisationId: z.uuid(),
  accountId: z.uuid(),
  organisationName,
  fullName,
  phone: mobilePhone,
  email,
  password,
});
export type SignUp = z.infer<typeof SignUp>;

export const GetOrganisation = z.object({ organisationId: z.uuid() });
export const OrganisationView = z.object({
  organisationId: z.uuid(),
  name: z.string(),
  ownerAccountId: z.uuid(),
  registeredAt: z.string(),
});
export type OrganisationView = z.infer<typeof OrganisationView>;

// Legal entities (Настройки → Юридические лица): the actor and its organisation come from headers only.

/** The id comes from the caller, so a retried add names the same legal entity. */
export const AddLegalEntity = z.object({ legalEntityId: z.uuid(), entity: AddLegalEntityRequest });
export type AddLegalEntity = z.infer<typeof AddLegalEntity>;
export const UpdateLegalEntity = z.object({ legalEntityId: z.uuid(), entity: UpdateLegalEntityRequest });
export type UpdateLegalEntity = z.infer<typeof UpdateLegalEntity>;
export const DeleteLegalEntity = z.object({ legalEntityId: z.uuid(), expectedVersion: z.number().int().min(1).optional() });
export type DeleteLegalEntity = z.infer<typeof DeleteLegalEntity>;
export const GetLegalEntity = z.object({ legalEntityId: z.uuid() });
export type GetLegalEntity = z.infer<typeof GetLegalEntity>;
export const GetLegalEntityHistory = GetLegalEntity;
export const GetLegalEntityList = LegalEntityListQuery;
export type GetLegalEntityList = z.infer<typeof GetLegalEntityList>;

// Sales points (Настройки → Точки продаж): scoped by the actor's organisation, which comes from headers only.

/** The id comes from the caller, so a retried add names the same sales point. */
export const AddSalesPoint = z.object({ salesPointId: z.uuid(), point: AddSalesPointRequest });
export type AddSalesPoint = z.infer<typeof AddSalesPoint>;
export const UpdateSalesPoint = z.object({ salesPointId: z.uuid(), point: UpdateSalesPointRequest });
export type UpdateSalesPoint = z.infer<typeof UpdateSalesPoint>;
export const SetSalesPointPaymentMethods = z.object({ salesPointId: z.uuid(), grid: SetPaymentMethodsRequest });
export type SetSalesPointPaymentMethods = z.infer<typeof SetSalesPointPaymentMethods>;
export const DeleteSalesPoint = z.object({ salesPointId: z.uuid(), expectedVersion: z.number().int().min(1).optional() });
export type DeleteSalesPoint = z.infer<typeof DeleteSalesPoint>;
export const GetSalesPoint = z.object({ salesPointId: z.uuid() });
export type GetSalesPoint = z.infer<typeof GetSalesPoint>;
export const GetSalesPointHistory = GetSalesPoint;
export const GetSalesPointList = SalesPointListQuery;
export type GetSalesPointList = z.infer<typeof GetSalesPointList>;

// Employees (Настройки → Сотрудники): scoped by the actor's organisation; the rules about the Owner need the
// actor's account id and role, which come from headers too.

/** The id comes from the caller (it becomes the account id too), so a retried add names the same employee. */
export const AddEmployee = z.object({ employeeId: z.uuid(), employee: AddEmployeeRequest });
export type AddEmployee = z.infer<typeof AddEmployee>;
export const UpdateEmployee = z.object({ employeeId: z.uuid(), employee: UpdateEmployeeRequest });
export type UpdateEmployee = z.infer<typeof UpdateEmployee>;
export const DeleteEmployee = z.object({ employeeId: z.uuid(), expectedVersion: z.number().int().min(1).optional() });
export type DeleteEmployee = z.infer<typeof DeleteEmployee>;
export const SendEmployeePin = z.object({ employeeId: z.uuid() });
/** «Пригласить в кабинет»: `cabinetUrl` is where the gateway serves the cabinet (the SMS link starts with it). */
export const InviteEmployee = z.object({ employeeId: z.uuid(), cabinetUrl: CabinetUrl });
export type InviteEmployee = z.infer<typeof InviteEmployee>;
/** The code sent to the employee's pending new phone: the phone becomes their login and the card's phone. */
export const ConfirmEmployeePhone = z.object({ employeeId: z.uuid(), confirmation: ConfirmEmployeePhoneRequest });
export type ConfirmEmployeePhone = z.infer<typeof ConfirmEmployeePhone>;
export type SendEmployeePin = z.infer<typeof SendEmployeePin>;
export const SendEmployeePins = SendEmployeePinsRequest;
export type SendEmployeePins = z.output<typeof SendEmployeePinsRequest>;
export const GetEmployee = z.object({ employeeId: z.uuid() });
export type GetEmployee = z.infer<typeof GetEmployee>;
export const GetEmployeeHistory = GetEmployee;
export const GetEmployeeList = EmployeeListQuery;
export type GetEmployeeList = z.infer<typeof GetEmployeeList>;
