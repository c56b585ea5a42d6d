import { z } from 'zod';
import { listPage } from '../common/list-query';
import { FFD_VERSIONS } from './equipment.events';

/**
 * `POST /pos/v1/equipment` (what a terminal reports about its fiscal register and bank terminal) and the cabinet's
 * Настройки → POS оборудование (`/api/v1/fiscal-registers`, `/api/v1/bank-terminals`).
 */

const text = (max: number, message: string) => z.string({ error: message }).trim().min(1, { error: message }).max(max);
const code = (pattern: RegExp, message: string) => z.string({ error: message }).trim().regex(pattern, { error: message });

export const FiscalRegisterReport = z.strictObject({
  model: text(100, 'Укажите модель фискального регистратора'),
  firmwareVersion: text(50, 'Укажите версию прошивки'),
  serialNumber: code(/^[0-9A-Za-z]{1,20}$/, 'Заводской номер ККТ — до 20 цифр и латинских букв'),
  ffdVersion: z.enum(FFD_VERSIONS, { error: 'Версия ФФД: 1.05, 1.1 или 1.2' }),
  registrationNumber: code(/^\d{16}$/, 'Регистрационный номер ККТ — 16 цифр'),
  fnNumber: code(/^\d{16}$/, 'Номер ФН — 16 цифр'),
});
export type FiscalRegisterReport = z.infer<typeof FiscalRegisterReport>;

export const BankTerminalReport = z.strictObject({
  model: text(100, 'Укажите модель банковского терминала'),
  tid: code(/^[0-9A-Za-z]{8}$/, 'TID (идентификатор терминала) — 8 цифр и латинских букв'),
  mid: code(/^[0-9A-Za-z]{1,15}$/, 'MID (идентификатор мерчанта) — до 15 цифр и латинских букв'),
});
export type BankTerminalReport = z.infer<typeof BankTerminalReport>;

/** The register and/or the bank terminal connected to the terminal now; at least one of them. */
export const EquipmentReport = z
  .strictObject({
    fiscalRegister: FiscalRegisterReport.nullish(),
    bankTerminal: BankTerminalReport.nullish(),
  })
  .superRefine((report, context) => {
    if (!report.fiscalRegister && !report.bankTerminal) {
      context.addIssue({ code: 'custom', path: ['fiscalRegister'], message: 'Укажите фискальный регистратор или банковский терминал' });
    }
  });
export type EquipmentReport = z.infer<typeof EquipmentReport>;

/** What a report recorded about a device: `reported` the first time, `moved` to this workplace, `updated` details; none when nothing changed. */
export const EQUIPMENT_CHANGES = ['reported', 'moved', 'updated'] as const;
export type EquipmentChange = (typeof EQUIPMENT_CHANGES)[number];
const EquipmentReportOutcome = z.object({ id: z.uuid(), changes: z.array(z.enum(EQUIPMENT_CHANGES)) });
export type EquipmentReportOutcome = z.infer<typeof EquipmentReportOutcome>;

export const EquipmentReportResponse = z.object({ fiscalRegister: EquipmentReportOutcome.nullable(), bankTerminal: EquipmentReportOutcome.nullable() });
export type EquipmentReportResponse = z.infer<typeof EquipmentReportResponse>;

/** Where a device stands now, and when it was first and last reported. */
const placeAndTimes = {
  workplaceId: z.uuid(),
  workplaceName: z.string(),
  salesPointId: z.uuid(),
  salesPointName: z.string(),
  firstReportedAt: z.string(),
  /** The newest report, even one that changed nothing. */
  lastReportedAt: z.string(),
  /** The newest change recorded (first report, move, new details). */
  updatedAt: z.string(),
};

export const FiscalRegisterView = z.object({
  id: z.uuid(),
  model: z.string(),
  firmwareVersion: z.string(),
  serialNumber: z.string(),
  ffdVersion: z.enum(FFD_VERSIONS),
  registrationNumber: z.string(),
  fnNumber: z.string(),
  ...placeAndTimes,
});
export type FiscalRegisterView = z.infer<typeof FiscalRegisterView>;

export const BankTerminalView = z.object({ id: z.uuid(), model: z.string(), tid: z.string(), mid: z.string(), ...placeAndTimes });
export type BankTerminalView = z.infer<typeof BankTerminalView>;

export const FISCAL_REGISTER_SORTS = ['serialNumber', 'model'] as const;
export const BANK_TERMINAL_SORTS = ['tid', 'model'] as const;
export const FiscalRegisterList = listPage(FiscalRegisterView);
export type FiscalRegisterList = z.infer<typeof FiscalRegisterList>;
export const BankTerminalList = listPage(BankTerminalView);
export type BankTerminalList = z.infer<typeof BankTerminalList>;
