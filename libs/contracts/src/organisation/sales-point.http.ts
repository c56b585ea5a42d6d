import { z } from 'zod';
import { listPage, sortedListQuery } from '../common/list-query';
import { ROLES, type Role } from '../common/roles';

/** Bodies of /api/v1/sales-points (Настройки → Точки продаж) and their payment methods per role. */

export const PAYMENT_METHODS = ['cash', 'card', 'sbp', 'prepayment', 'postpayment', 'counter-provision'] as const;
export const PaymentMethod = z.enum(PAYMENT_METHODS, {
  error: 'Способ оплаты — один из: наличные, банковская карта, СБП, предоплата/аванс, постоплата/кредит, встречное предоставление',
});
export type PaymentMethod = z.infer<typeof PaymentMethod>;
export const PAYMENT_METHOD_LABELS_RU: Record<PaymentMethod, string> = {
  cash: 'Наличные',
  card: 'Банковская карта',
  sbp: 'СБП',
  prepayment: 'Предоплата/аванс',
  postpayment: 'Постоплата/кредит',
  'counter-provision': 'Встречное предоставление',
};

/** Which payment methods each role may take at this sales point. */
export const PaymentMethodsByRole = z.strictObject(
  Object.fromEntries(ROLES.map((role) => [role, z.array(PaymentMethod).max(PAYMENT_METHODS.length)])) as Record<Role, z.ZodArray<typeof PaymentMethod>>,
);
export type PaymentMethodsByRole = z.infer<typeof PaymentMethodsByRole>;

/** A new sales point: Owner, Administrator, Manager and Cashier take cash and card; the Guest sells nothing. */
export const DEFAULT_PAYMENT_METHODS: PaymentMethodsByRole = {
  owner: ['cash', 'card'],
  admin: ['cash', 'card'],
  manager: ['cash', 'card'],
  cashier: ['cash', 'card'],
  guest: [],
};

const salesPointFields = {
  name: z.string().trim().min(1).max(255),
  legalEntityId: z.uuid({ error: 'Выберите юридическое лицо' }),
  /** Фактический адрес. */
  address: z.string().trim().min(1).max(500),
  /** Бренд (необязательно). */
  brand: z.string().trim().max(255).nullable().optional(),
};

export const AddSalesPointRequest = z.strictObject(salesPointFields);
export type AddSalesPointRequest = z.infer<typeof AddSalesPointRequest>;

export const UpdateSalesPointRequest = z.strictObject({ ...salesPointFields, expectedVersion: z.number().int().min(1) });
export type UpdateSalesPointRequest = z.infer<typeof UpdateSalesPointRequest>;

/** «Способы оплаты» → «Настроить»: the whole grid, saved as one change. */
export const SetPaymentMethodsRequest = z
  .strictObject({ paymentMethods: PaymentMethodsByRole, expectedVersion: z.number().int().min(1) })
  .superRefine((body, ctx) => {
    if (body.paymentMethods.guest.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['paymentMethods', 'guest'], message: 'Гость не проводит продажи: способы оплаты ему не назначаются' });
    }
  });
export type SetPaymentMethodsRequest = z.infer<typeof SetPaymentMethodsRequest>;

export const SalesPointView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  name: z.string(),
  legalEntityId: z.uuid(),
  legalEntityName: z.string(),
  address: z.string(),
  brand: z.string().nullable(),
  paymentMethods: PaymentMethodsByRole,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SalesPointView = z.infer<typeof SalesPointView>;

export const SalesPointList = listPage(SalesPointView);
export type SalesPointList = z.infer<typeof SalesPointList>;

export const SALES_POINT_SORTS = ['name', 'address'] as const;
export const SalesPointListQuery = sortedListQuery(SALES_POINT_SORTS);
export type SalesPointListQuery = z.infer<typeof SalesPointListQuery>;
