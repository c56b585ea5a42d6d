import { z } from 'zod';

/**
 * Events of the POS equipment a terminal reports (`POST /pos/v1/equipment`): fiscal registers (ККТ) and bank
 * terminals, one stream per device, `fiscal-register-<organisationId>-<id>` / `bank-terminal-<organisationId>-<id>`,
 * the id derived from the organisation and the register's заводской номер or the bank terminal's TID (so that two
 * reports of one device land on one stream). The workplace and sales point name what the terminal stood at then.
 */

export const FFD_VERSIONS = ['1.05', '1.1', '1.2'] as const;
export const FfdVersion = z.enum(FFD_VERSIONS);
export type FfdVersion = z.infer<typeof FfdVersion>;

/** What a register's display and fiscal storage say about it. */
export const FiscalRegisterDetails = z.object({
  model: z.string(),
  firmwareVersion: z.string(),
  /** Заводской номер ККТ: the register's identity in the organisation. */
  serialNumber: z.string(),
  ffdVersion: FfdVersion,
  /** Регистрационный номер ККТ (РНМ), 16 digits from the ФНС. */
  registrationNumber: z.string(),
  /** Номер фискального накопителя, 16 digits. */
  fnNumber: z.string(),
});
export type FiscalRegisterDetails = z.infer<typeof FiscalRegisterDetails>;

export const BankTerminalDetails = z.object({
  model: z.string(),
  /** Terminal ID from the acquiring bank, 8 characters: the terminal's identity in the organisation. */
  tid: z.string(),
  /** Merchant ID, up to 15 characters. */
  mid: z.string(),
});
export type BankTerminalDetails = z.infer<typeof BankTerminalDetails>;

/** Where a device stands: the workplace whose terminal reported it, and that workplace's sales point. */
export const EquipmentPlace = z.object({ workplaceId: z.uuid(), workplaceName: z.string(), salesPointId: z.uuid(), salesPointName: z.string() });
export type EquipmentPlace = z.infer<typeof EquipmentPlace>;

const reported = <D extends z.ZodObject>(details: D) => z.object({ organisationId: z.uuid(), deviceId: z.uuid(), details, place: EquipmentPlace, reportedAt: z.iso.datetime() });
/** Reported by another workplace's terminal than the last time. */
const moved = z.object({ organisationId: z.uuid(), deviceId: z.uuid(), from: EquipmentPlace, to: EquipmentPlace, movedAt: z.iso.datetime() });
/** Its details changed (firmware, a new ФН, re-registration, another MID): the full new details. */
const updated = <D extends z.ZodObject>(details: D) => z.object({ organisationId: z.uuid(), deviceId: z.uuid(), details, updatedAt: z.iso.datetime() });

export const FiscalRegisterReported = reported(FiscalRegisterDetails);
export type FiscalRegisterReported = z.infer<typeof FiscalRegisterReported>;
export const FiscalRegisterMoved = moved;
export type FiscalRegisterMoved = z.infer<typeof FiscalRegisterMoved>;
export const FiscalRegisterUpdated = updated(FiscalRegisterDetails);
export type FiscalRegisterUpdated = z.infer<typeof FiscalRegisterUpdated>;

export const FiscalRegisterEvents = {
  FiscalRegisterReported: { version: 1, schema: FiscalRegisterReported },
  FiscalRegisterMoved: { version: 1, schema: FiscalRegisterMoved },
  FiscalRegisterUpdated: { version: 1, schema: FiscalRegisterUpdated },
} as const;

export const BankTerminalReported = reported(BankTerminalDetails);
export type BankTerminalReported = z.infer<typeof BankTerminalReported>;
export const BankTerminalMoved = moved;
export type BankTerminalMoved = z.infer<typeof BankTerminalMoved>;
export const BankTerminalUpdated = updated(BankTerminalDetails);
export type BankTerminalUpdated = z.infer<typeof BankTerminalUpdated>;

export const BankTerminalEvents = {
  BankTerminalReported: { version: 1, schema: BankTerminalReported },
  BankTerminalMoved: { version: 1, schema: BankTerminalMoved },
  BankTerminalUpdated: { version: 1, schema: BankTerminalUpdated },
} as const;
