import { z } from 'zod';
import {
  FulfilmentPayload,
  PaymentReceivedPayload,
  PaymentRefundedPayload,
  SaleCancelledPayload,
  SaleCompletedPayload,
  SaleCreatedPayload,
  SaleStatus,
  type SaleEventType,
} from './sale.events';

/**
 * `POST /pos/v1/sales/events`: a terminal pushes what happened to its sales, 1–500 events a request, in the order
 * they happened. Each event names exactly one of the payloads (a protobuf `oneof`).
 */

export const MAX_PUSHED_SALE_EVENTS = 500;

/** The payload fields of a pushed event, and the sale event each one records. */
export const PUSHED_PAYLOADS = {
  saleCreated: 'SaleCreated',
  paymentReceived: 'PaymentReceived',
  paymentRefunded: 'PaymentRefunded',
  goodsShipped: 'GoodsShipped',
  serviceRendered: 'ServiceRendered',
  saleCompleted: 'SaleCompleted',
  saleCancelled: 'SaleCancelled',
} as const satisfies Record<string, SaleEventType>;
export type PushedPayloadField = keyof typeof PUSHED_PAYLOADS;
const PAYLOAD_FIELDS = Object.keys(PUSHED_PAYLOADS) as PushedPayloadField[];

export const PushedSaleEvent = z
  .strictObject({
    /** The terminal's id of this event: a retry sends the same one, and it is recorded once. */
    eventId: z.uuid({ error: 'eventId — UUID события, один и тот же при повторной отправке' }),
    saleId: z.uuid({ error: 'saleId — UUID продажи' }),
    /** The terminal's clock, with its offset: 2026-12-06T12:30:00+03:00. */
    occurredAt: z.iso.datetime({ offset: true, error: 'occurredAt — дата и время ISO 8601 с часовым поясом' }),
    /** The workplace's own counter of events, growing by one. */
    seq: z.int({ error: 'seq — номер события на рабочем месте, целое от 1' }).min(1, { error: 'seq — номер события на рабочем месте, целое от 1' }).max(Number.MAX_SAFE_INTEGER),
    saleCreated: SaleCreatedPayload.nullish(),
    paymentReceived: PaymentReceivedPayload.nullish(),
    paymentRefunded: PaymentRefundedPayload.nullish(),
    goodsShipped: FulfilmentPayload.nullish(),
    serviceRendered: FulfilmentPayload.nullish(),
    saleCompleted: SaleCompletedPayload.nullish(),
    saleCancelled: SaleCancelledPayload.nullish(),
  })
  .superRefine((event, context) => {
    const named = PAYLOAD_FIELDS.filter((field) => event[field] != null);
    if (named.length !== 1) {
      context.addIssue({ code: 'custom', path: [], message: `Событие — ровно одно из: ${PAYLOAD_FIELDS.join(', ')}` });
    }
  });
export type PushedSaleEvent = z.infer<typeof PushedSaleEvent>;

/** The one payload a pushed event carries, with the sale event type it records. */
export function pushedPayloadOf(event: PushedSaleEvent): { type: SaleEventType; field: PushedPayloadField; payload: unknown } {
  const field = PAYLOAD_FIELDS.find((name) => event[name] != null)!;
  return { type: PUSHED_PAYLOADS[field], field, payload: event[field] };
}

export const PushSaleEventsRequest = z.strictObject({
  events: z
    .array(PushedSaleEvent)
    .min(1, { error: 'Передайте от 1 до 500 событий' })
    .max(MAX_PUSHED_SALE_EVENTS, { error: 'Передайте от 1 до 500 событий' })
    .superRefine((events, context) => {
      const seen = new Set<string>();
      events.forEach((event, index) => {
        if (seen.has(event.eventId)) context.addIssue({ code: 'custom', path: [index, 'eventId'], message: 'Это событие уже есть выше в этом же пакете' });
        seen.add(event.eventId);
      });
    }),
});
export type PushSaleEventsRequest = z.infer<typeof PushSaleEventsRequest>;

/**
 * Why a pushed event was refused (`PushedSaleEventResult.code`): the sale's rules (the sales journal's sale decider),
 * SALE_PRECEDING_REJECTED for the later events of a sale whose event was refused earlier in the same push (not
 * recorded: a corrected resend may pass), EVENT_ID_TAKEN for an eventId that names something else already stored.
 */
export const SALE_REFUSAL_CODES = [
  'SALE_ALREADY_EXISTS',
  'SALE_NOT_FOUND',
  'SALE_COMPLETED',
  'SALE_CANCELLED',
  'SALE_TRANSITION',
  'SELLING_NOT_ALLOWED',
  'PAYMENT_METHOD_NOT_ALLOWED',
  'PAYMENT_ID_USED',
  'SALE_OVERPAID',
  'REFUND_UNKNOWN_PAYMENT',
  'REFUND_OF_CASH',
  'REFUND_EXCEEDS_PAYMENT',
  'REFUND_AFTER_COMPLETION',
  'SHIPMENT_OF_SERVICE',
  'RENDERING_OF_GOODS',
  'LINE_UNKNOWN',
  'FULFILMENT_EXCEEDS_QUANTITY',
  'NOTHING_TO_FULFIL',
  'SALE_NOT_PAID',
  'SALE_NOT_FULFILLED',
  'SALE_PRECEDING_REJECTED',
  'EVENT_ID_TAKEN',
  'SALE_ID_TAKEN',
] as const;
export type SaleRefusalCode = (typeof SALE_REFUSAL_CODES)[number];

/** accepted: recorded now; duplicate: recorded by an earlier push of the same eventId; rejected: refused (reason). */
export const PUSH_OUTCOMES = ['accepted', 'duplicate', 'rejected'] as const;
export const PushOutcome = z.enum(PUSH_OUTCOMES);
export type PushOutcome = z.infer<typeof PushOutcome>;

export const PushedSaleEventResult = z.object({
  eventId: z.uuid(),
  outcome: PushOutcome,
  /** Why it was refused (Russian, for the cashier's screen); null otherwise. A retry of a refused event gets the same reason. */
  reason: z.string().nullable(),
  /** A machine-readable refusal: SALE_TRANSITION, SALE_OVERPAID, … (`SaleRefusalCode`); null otherwise. */
  code: z.string().nullable(),
  /** The sale's status after the event; null when refused. */
  saleStatus: SaleStatus.nullable(),
});
export type PushedSaleEventResult = z.infer<typeof PushedSaleEventResult>;

export const PushSaleEventsResponse = z.object({
  /** One per pushed event, in the order pushed. */
  results: z.array(PushedSaleEventResult),
  /** The workplace's chain after this push: the terminal may keep it as its receipt of what the journal holds. */
  chainHead: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
});
export type PushSaleEventsResponse = z.infer<typeof PushSaleEventsResponse>;
