import { z } from 'zod';
import { bulkIds } from '../common/bulk';
import { email, mobilePhone, smsCode } from '../common/fields';
import { listPage, sortedListQuery } from '../common/list-query';
import { ROLES, Role } from '../common/roles';

/** Bodies of /api/v1/employees (Настройки → Сотрудники). An employee's id is their cabinet account's id. */

/** One part of a person's name: letters, spaces, hyphen and apostrophe. */
const namePart = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[\p{L}\p{M}][\p{L}\p{M}' .\-]*$/u, { error: 'Только буквы, пробелы, дефис и апостроф' });

/** An optional field left empty in the card arrives as "" or null and is stored as null. */
const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? null : value), schema.nullable().optional()).transform((value) => value ?? null);

const employeeFields = {
  /** Фамилия. */
  lastName: namePart,
  /** Имя. */
  firstName: namePart,
  /** Отчество (необязательно). */
  patronymic: optional(namePart),
  /** Мобильный телефон: the login and where the PIN-code SMS goes. */
  phone: mobilePhone,
  /** Эл. почта (необязательно): a second login. */
  email: optional(email),
  /** Владелец is refused here: an organisation has exactly one, the one who signed it up. */
  role: z.enum(ROLES, { error: 'Выберите роль из списка' }),
};

export const AddEmployeeRequest = z.strictObject(employeeFields);
export type AddEmployeeRequest = z.infer<typeof AddEmployeeRequest>;
export type AddEmployeeInput = z.input<typeof AddEmployeeRequest>;

export const UpdateEmployeeRequest = z.strictObject({ ...employeeFields, expectedVersion: z.number().int().min(1) });
export type UpdateEmployeeRequest = z.infer<typeof UpdateEmployeeRequest>;
export type UpdateEmployeeInput = z.input<typeof UpdateEmployeeRequest>;

/** «Фамилия Имя Отчество», as the list and the cabinet account show it. */
export function employeeFullName(name: { lastName: string; firstName: string; patronymic: string | null }): string {
  return [name.lastName, name.firstName, name.patronymic].filter((part) => part).join(' ');
}

export const EmployeeView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  lastName: z.string(),
  firstName: z.string(),
  patronymic: z.string().nullable(),
  fullName: z.string(),
  phone: z.string(),
  email: z.string().nullable(),
  role: Role,
  /** When a PIN-code was last sent by SMS (on adding, or «Отправить новый PIN-код»). */
  pinSentAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EmployeeView = z.infer<typeof EmployeeView>;

/**
 * Answer to PUT /api/v1/employees/{id}. A new phone is not the login yet: `pendingPhone` names it until the
 * code sent to it is entered (POST /api/v1/employees/{id}/phone-confirmation); the card keeps the old one.
 */
export const UpdatedEmployee = EmployeeView.extend({ pendingPhone: z.string().nullable() });
export type UpdatedEmployee = z.infer<typeof UpdatedEmployee>;

/** The code from the SMS to the new phone, and that phone. */
export const ConfirmEmployeePhoneRequest = z.strictObject({ phone: mobilePhone, code: smsCode });
export type ConfirmEmployeePhoneRequest = z.infer<typeof ConfirmEmployeePhoneRequest>;

export const EmployeeList = listPage(EmployeeView);
export type EmployeeList = z.infer<typeof EmployeeList>;

export const EMPLOYEE_SORTS = ['fullName', 'phone'] as const;
export const EmployeeListQuery = sortedListQuery(EMPLOYEE_SORTS);
export type EmployeeListQuery = z.infer<typeof EmployeeListQuery>;

/** Answer to POST /api/v1/employees/{id}/pin: where the new PIN-code went. */
export const PinSent = z.object({ phone: z.string(), sentAt: z.string() });

/** «Отправить PIN» to the employees selected in the list: a new PIN-code by SMS to each. */
export const SendEmployeePinsRequest = z.strictObject({ employeeIds: bulkIds('одного сотрудника') });
export type SendEmployeePinsRequest = z.input<typeof SendEmployeePinsRequest>;
export type PinSent = z.infer<typeof PinSent>;
