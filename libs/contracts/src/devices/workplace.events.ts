import { z } from 'zod';

/**
 * Events of the workplaces (рабочие места) of one organisation, all in one stream
 * `workplaces-<organisationId>-<organisationId>` (so that «the number is unique in the organisation» holds without
 * races; an organisation has at most 99). Activation codes and device credentials never appear here: the devices
 * service keeps only their hashes, outside the log; events name them by id.
 */

/** Тип рабочего места, as the manual lists them: стационарная (at a sales point), мобильная (on the road), автомат. */
export const WORKPLACE_TYPES = ['stationary', 'mobile', 'vending'] as const;
export const WorkplaceType = z.enum(WORKPLACE_TYPES);
export type WorkplaceType = z.infer<typeof WorkplaceType>;

const workplaceFields = {
  organisationId: z.uuid(),
  workplaceId: z.uuid(),
  name: z.string(),
  number: z.number().int(),
  type: WorkplaceType,
  salesPointId: z.uuid(),
  /** The employee the activation code goes to (Фамилия, Имя in the card). */
  employeeId: z.uuid(),
};

export const WorkplaceAdded = z.object({ ...workplaceFields, addedAt: z.iso.datetime() });
export type WorkplaceAdded = z.infer<typeof WorkplaceAdded>;

/** The full new values of every field of the card. */
export const WorkplaceUpdated = z.object({ ...workplaceFields, updatedAt: z.iso.datetime() });
export type WorkplaceUpdated = z.infer<typeof WorkplaceUpdated>;

/** `credentialId`: the activated device's credential, which dies with the workplace. */
export const WorkplaceDeleted = z.object({ organisationId: z.uuid(), workplaceId: z.uuid(), credentialId: z.uuid().nullable(), deletedAt: z.iso.datetime() });
export type WorkplaceDeleted = z.infer<typeof WorkplaceDeleted>;

/**
 * A new activation code went by SMS to `employeeId`, binding the workplace to `salesPointId` (the card's employee and
 * sales point become these). It voids the previous code.
 */
export const WorkplaceActivationCodeIssued = z.object({
  organisationId: z.uuid(),
  workplaceId: z.uuid(),
  codeId: z.uuid(),
  employeeId: z.uuid(),
  salesPointId: z.uuid(),
  issuedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
export type WorkplaceActivationCodeIssued = z.infer<typeof WorkplaceActivationCodeIssued>;

/** A wrong code was tried for the workplace's current code; at 0 tries left the code is dead. */
export const WorkplaceActivationFailed = z.object({ organisationId: z.uuid(), workplaceId: z.uuid(), codeId: z.uuid(), triesLeft: z.number().int().min(0), failedAt: z.iso.datetime() });
export type WorkplaceActivationFailed = z.infer<typeof WorkplaceActivationFailed>;

/** What a terminal says about itself when it activates. */
export const DeviceDescription = z.object({
  model: z.string(),
  serial: z.string(),
  appName: z.string(),
  appVersion: z.string(),
  os: z.string(),
});
export type DeviceDescription = z.infer<typeof DeviceDescription>;

/** A terminal activated the workplace with its code: `credentialId` names its new credential (an older one dies). */
export const WorkplaceActivated = z.object({
  organisationId: z.uuid(),
  workplaceId: z.uuid(),
  codeId: z.uuid(),
  credentialId: z.uuid(),
  /** The credential this activation replaces (the same or another device activated before), if any. */
  replacedCredentialId: z.uuid().nullable(),
  device: DeviceDescription,
  /** The employee the code was sent to. */
  employeeId: z.uuid(),
  activatedAt: z.iso.datetime(),
});
export type WorkplaceActivated = z.infer<typeof WorkplaceActivated>;

/** «Деактивировать»: the terminal's credential dies at once; a new code may be requested after. */
export const WorkplaceDeactivated = z.object({ organisationId: z.uuid(), workplaceId: z.uuid(), credentialId: z.uuid(), deactivatedAt: z.iso.datetime() });
export type WorkplaceDeactivated = z.infer<typeof WorkplaceDeactivated>;

export const WorkplaceEvents = {
  WorkplaceAdded: { version: 1, schema: WorkplaceAdded },
  WorkplaceUpdated: { version: 1, schema: WorkplaceUpdated },
  WorkplaceDeleted: { version: 1, schema: WorkplaceDeleted },
  WorkplaceActivationCodeIssued: { version: 1, schema: WorkplaceActivationCodeIssued },
  WorkplaceActivationFailed: { version: 1, schema: WorkplaceActivationFailed },
  WorkplaceActivated: { version: 1, schema: WorkplaceActivated },
  WorkplaceDeactivated: { version: 1, schema: WorkplaceDeactivated },
} as const;
