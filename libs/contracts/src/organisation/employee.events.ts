import { z } from 'zod';
import { Role } from '../common/roles';

/**
 * Events of the employees of one organisation, all in one stream `employees-<organisationId>-<organisationId>`
 * (so that «exactly one Owner» and «phone and email unique in the organisation» hold without races).
 * The employee id is their account id in identity. PINs never appear here: identity keeps their hashes.
 */

const employeeFields = {
  organisationId: z.uuid(),
  employeeId: z.uuid(),
  lastName: z.string(),
  /** Empty only for an Owner whose sign-up ФИО was a single word. */
  firstName: z.string(),
  patronymic: z.string().nullable(),
  phone: z.string(),
  email: z.string().nullable(),
  role: Role,
};

/** `pinSentAt`: the first PIN-code goes out with the account; null for the Owner, who signed up without one. */
export const EmployeeAdded = z.object({ ...employeeFields, pinSentAt: z.iso.datetime().nullable(), addedAt: z.iso.datetime() });
export type EmployeeAdded = z.infer<typeof EmployeeAdded>;

/** The full new values of every field. */
export const EmployeeUpdated = z.object({ ...employeeFields, updatedAt: z.iso.datetime() });
export type EmployeeUpdated = z.infer<typeof EmployeeUpdated>;

/** A new PIN-code was sent by SMS to the employee's phone (on «Отправить новый PIN-код»). */
export const EmployeePinSent = z.object({ organisationId: z.uuid(), employeeId: z.uuid(), phone: z.string(), sentAt: z.iso.datetime() });
export type EmployeePinSent = z.infer<typeof EmployeePinSent>;

/** «Пригласить в кабинет»: an SMS with a one-time link to set a password went to the employee's phone. */
export const EmployeeInvited = z.object({ organisationId: z.uuid(), employeeId: z.uuid(), phone: z.string(), invitedAt: z.iso.datetime() });
export type EmployeeInvited = z.infer<typeof EmployeeInvited>;

export const EmployeeDeleted = z.object({ organisationId: z.uuid(), employeeId: z.uuid(), deletedAt: z.iso.datetime() });
export type EmployeeDeleted = z.infer<typeof EmployeeDeleted>;

export const EmployeeEvents = {
  EmployeeAdded: { version: 1, schema: EmployeeAdded },
  EmployeeUpdated: { version: 1, schema: EmployeeUpdated },
  EmployeePinSent: { version: 1, schema: EmployeePinSent },
  EmployeeInvited: { version: 1, schema: EmployeeInvited },
  EmployeeDeleted: { version: 1, schema: EmployeeDeleted },
} as const;
