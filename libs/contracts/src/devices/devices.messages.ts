import { z } from 'zod';
import { sortedListQuery } from '../common/list-query';
import { Role } from '../common/roles';
import { BANK_TERMINAL_SORTS, EquipmentReport, FISCAL_REGISTER_SORTS } from './equipment.http';
import { ActivationRequest, TerminalLogInRequest } from './terminal.http';
import { AddWorkplaceRequest, IssueActivationCodeRequest, UpdateWorkplaceRequest, WORKPLACE_SORTS, WORKPLACE_STATUSES } from './workplace.http';

/** Bus subjects and payloads of the devices service: workplaces, activation, terminal credentials. */
export const DevicesSubjects = {
  AddWorkplace: 'elk.devices.cmd.AddWorkplace',
  UpdateWorkplace: 'elk.devices.cmd.UpdateWorkplace',
  DeleteWorkplace: 'elk.devices.cmd.DeleteWorkplace',
  IssueActivationCode: 'elk.devices.cmd.IssueActivationCode',
  DeactivateWorkplace: 'elk.devices.cmd.DeactivateWorkplace',
  GetWorkplaceList: 'elk.devices.qry.GetWorkplaceList',
  GetWorkplace: 'elk.devices.qry.GetWorkplace',
  GetWorkplaceHistory: 'elk.devices.qry.GetWorkplaceHistory',
  /** From a terminal: no actor; the code is the proof. */
  ActivateDevice: 'elk.devices.cmd.ActivateDevice',
  /** From the gateway, for every /pos/v1 request: who the presented credential is. */
  AuthenticateDevice: 'elk.devices.qry.AuthenticateDevice',
  /** From the gateway, for the terminal it authenticated (in the payload, never from the terminal's body). */
  GetTerminalSettings: 'elk.devices.qry.GetTerminalSettings',
  /** From the gateway, for the terminal it authenticated: a cashier's PIN log-in (identity checks the PIN-code). */
  LogInTerminal: 'elk.devices.cmd.LogInTerminal',
  /** From the gateway: who is logged in on the terminal, with what the role may take at its sales point. */
  GetTerminalSession: 'elk.devices.qry.GetTerminalSession',
  /** From the gateway, for the terminal it authenticated: its fiscal register and/or bank terminal. */
  ReportEquipment: 'elk.devices.cmd.ReportEquipment',
  GetFiscalRegisterList: 'elk.devices.qry.GetFiscalRegisterList',
  GetFiscalRegister: 'elk.devices.qry.GetFiscalRegister',
  GetFiscalRegisterHistory: 'elk.devices.qry.GetFiscalRegisterHistory',
  GetBankTerminalList: 'elk.devices.qry.GetBankTerminalList',
  GetBankTerminal: 'elk.devices.qry.GetBankTerminal',
  GetBankTerminalHistory: 'elk.devices.qry.GetBankTerminalHistory',
  /** Broadcast once a workplace changed or the directory applied an organisation event: see TerminalAccessChanged. */
  TerminalAccessChanged: 'elk.devices.note.TerminalAccessChanged',
} as const;

/**
 * Broadcast (fire and forget, not stored) by devices and identity once what authenticating a terminal and its cashier
 * yields may have changed for the organisation: a credential ended or replaced, a cashier's session opened or ended,
 * a role changed, the sales point's payment methods… Sent after the change is what their queries read, so that the
 * gateway, which drops the organisation's cached authentications on it, asks again and gets the new answer.
 */
export const TerminalAccessChanged = z.object({ organisationId: z.uuid() });
export type TerminalAccessChanged = z.infer<typeof TerminalAccessChanged>;
/** What the gateway listens to: TerminalAccessChanged from any service. */
export const TERMINAL_ACCESS_CHANGED_ANYWHERE = 'elk.*.note.TerminalAccessChanged';

export const AddWorkplace = z.object({ workplaceId: z.uuid(), workplace: AddWorkplaceRequest });
export type AddWorkplace = z.infer<typeof AddWorkplace>;
export const UpdateWorkplace = z.object({ workplaceId: z.uuid(), workplace: UpdateWorkplaceRequest });
export type UpdateWorkplace = z.infer<typeof UpdateWorkplace>;
export const DeleteWorkplace = z.object({ workplaceId: z.uuid(), expectedVersion: z.number().int().min(1).optional() });
export type DeleteWorkplace = z.infer<typeof DeleteWorkplace>;
export const IssueActivationCode = z.object({ workplaceId: z.uuid(), request: IssueActivationCodeRequest });
export type IssueActivationCode = z.infer<typeof IssueActivationCode>;
export const DeactivateWorkplace = z.object({ workplaceId: z.uuid() });
export type DeactivateWorkplace = z.infer<typeof DeactivateWorkplace>;
export const GetWorkplace = z.object({ workplaceId: z.uuid() });
export type GetWorkplace = z.infer<typeof GetWorkplace>;
export const GetWorkplaceHistory = GetWorkplace;
/** Рабочие места: search in the name and the number; filters by status, sales point and employee; by number unless sorted. */
export const GetWorkplaceList = sortedListQuery(WORKPLACE_SORTS).extend({
  status: z.enum(WORKPLACE_STATUSES, { error: 'Статус: не активировано, активировано или деактивировано' }).optional(),
  salesPointId: z.uuid({ error: 'Выберите торговую точку из списка' }).optional(),
  employeeId: z.uuid({ error: 'Выберите сотрудника из списка' }).optional(),
});
export type GetWorkplaceList = z.infer<typeof GetWorkplaceList>;

/** A terminal's activation: the code is the proof of who it is (a retry of the same device gets the same answer). */
export const ActivateDevice = z.object({ activation: ActivationRequest });
export type ActivateDevice = z.infer<typeof ActivateDevice>;

export const AuthenticateDevice = z.object({ credential: z.string().max(200) });
export type AuthenticateDevice = z.infer<typeof AuthenticateDevice>;

/** A terminal the gateway authenticated by its credential. */
export const TerminalDevice = z.object({ organisationId: z.uuid(), workplaceId: z.uuid(), salesPointId: z.uuid(), credentialId: z.uuid() });
export type TerminalDevice = z.infer<typeof TerminalDevice>;

/** Who a valid credential is; null for an unknown, replaced or dead one. */
export const AuthenticatedDevice = TerminalDevice.nullable();
export type AuthenticatedDevice = z.infer<typeof AuthenticatedDevice>;

export const GetTerminalSettings = z.object({ device: TerminalDevice });
export type GetTerminalSettings = z.infer<typeof GetTerminalSettings>;

/**
 * Identity's part of a terminal session: who logged in and the role they logged in with (a role change ends the
 * session). Devices adds the sales point's payment methods for the role.
 */
export const TerminalEmployeeSession = z.object({ employee: z.object({ id: z.uuid(), name: z.string() }), role: Role, expiresAt: z.iso.datetime() });
export type TerminalEmployeeSession = z.infer<typeof TerminalEmployeeSession>;

export const LogInTerminal = z.object({ device: TerminalDevice, login: TerminalLogInRequest });
export type LogInTerminal = z.infer<typeof LogInTerminal>;

export const GetTerminalSession = z.object({ device: TerminalDevice, session: TerminalEmployeeSession });
export type GetTerminalSession = z.infer<typeof GetTerminalSession>;

export const ReportEquipment = z.object({ device: TerminalDevice, report: EquipmentReport });
export type ReportEquipment = z.infer<typeof ReportEquipment>;

/** POS оборудование → Фискальные регистраторы: search in the serial, registration number, model and ФН number; by serial unless sorted. */
export const GetFiscalRegisterList = sortedListQuery(FISCAL_REGISTER_SORTS);
export type GetFiscalRegisterList = z.infer<typeof GetFiscalRegisterList>;
/** POS оборудование → Банковские терминалы: search in the TID, MID and model; by TID unless sorted. */
export const GetBankTerminalList = sortedListQuery(BANK_TERMINAL_SORTS);
export type GetBankTerminalList = z.infer<typeof GetBankTerminalList>;
/** A fiscal register's or bank terminal's card and its history. */
export const GetEquipment = z.object({ deviceId: z.uuid() });
export type GetEquipment = z.infer<typeof GetEquipment>;
