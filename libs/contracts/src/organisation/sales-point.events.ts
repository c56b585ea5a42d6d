import { z } from 'zod';
import { PaymentMethodsByRole } from './sales-point.http';

/**
 * Events of one sales point, in its own stream `sales-point-<organisationId>-<salesPointId>`.
 * Each with the version of its current schema.
 */

const salesPointFields = {
  organisationId: z.uuid(),
  salesPointId: z.uuid(),
  name: z.string(),
  legalEntityId: z.uuid(),
  address: z.string(),
  brand: z.string().nullable(),
};

/** A new sales point, with the default payment methods per role. */
export const SalesPointAdded = z.object({ ...salesPointFields, paymentMethods: PaymentMethodsByRole, addedAt: z.iso.datetime() });
export type SalesPointAdded = z.infer<typeof SalesPointAdded>;

/** The full new values of the card's fields (the payment methods change only by SalesPointPaymentMethodsSet). */
export const SalesPointUpdated = z.object({ ...salesPointFields, updatedAt: z.iso.datetime() });
export type SalesPointUpdated = z.infer<typeof SalesPointUpdated>;

/** «Способы оплаты» → «Сохранить»: the whole grid, one change. */
export const SalesPointPaymentMethodsSet = z.object({
  organisationId: z.uuid(),
  salesPointId: z.uuid(),
  paymentMethods: PaymentMethodsByRole,
  setAt: z.iso.datetime(),
});
export type SalesPointPaymentMethodsSet = z.infer<typeof SalesPointPaymentMethodsSet>;

export const SalesPointDeleted = z.object({ organisationId: z.uuid(), salesPointId: z.uuid(), deletedAt: z.iso.datetime() });
export type SalesPointDeleted = z.infer<typeof SalesPointDeleted>;

export const SalesPointEvents = {
  SalesPointAdded: { version: 1, schema: SalesPointAdded },
  SalesPointUpdated: { version: 1, schema: SalesPointUpdated },
  SalesPointPaymentMethodsSet: { version: 1, schema: SalesPointPaymentMethodsSet },
  SalesPointDeleted: { version: 1, schema: SalesPointDeleted },
} as const;
