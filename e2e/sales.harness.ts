/**
 * Sales as a terminal pushes them (`POST /pos/v1/sales/events`), for the journals' browser tests: a small stand-in
 * for pos-sim's `PosTerminal.pushSales` and its sale generator. Each step of a sale is one event; a till counts its
 * events (`seq`) across every sale and cashier, as the workplace's own counter.
 */
import { randomUUID } from 'node:crypto';
import { PushSaleEventsResponse, type PushedSaleEvent } from '@elk/contracts';
import type { z } from 'zod';
import type { PosTerminal } from '../scripts/pos-sim/pos-terminal';

/** The PIN-code in the SMS an employee gets when added. */
export const PIN_IN_SMS = /(?<=PIN-код для входа в приложение на кассе: )\d{4}/;

type PushedEvent = z.input<typeof PushedSaleEvent>;
/** One thing that happens to a sale: exactly one payload of a pushed event. */
export type SaleStep = Omit<PushedEvent, 'eventId' | 'saleId' | 'occurredAt' | 'seq'>;
type SaleLine = NonNullable<PushedEvent['saleCreated']>['items'][number];

/** A line of the receipt: `quantity` × `price` kopecks, less its `discount`; a service when `service`. */
export function line(number: number, name: string, quantity: number, price: number, { discount = 0, service = false } = {}): SaleLine {
  return { line: number, name, quantity, unit: 'шт', price, discount, sum: Math.round(price * quantity) - discount, vatCode: 11, paymentSubject: service ? 4 : 1 };
}

export function created(number: number, items: SaleLine[], discount = 0): SaleStep {
  const total = items.reduce((sum, item) => sum + item.sum, 0) - discount;
  return { saleCreated: { number, items, discount, total } };
}

/** A card as the simulated bank terminal pays with it: the card's last four digits and the RRN tell payments apart. */
export function cardPayment(paymentId: string, amount: number, { last4, rrn }: { last4: string; rrn: string }): SaleStep {
  return {
    paymentReceived: {
      paymentId,
      method: 'card',
      amount,
      card: { rrn, authCode: 'A1B2C3', cardMask: `220220******${last4}`, paymentSystem: 'МИР', tid: 'T0000001', mid: 'M123456789', bank: 'Сбербанк' },
    },
  };
}

export function sbpPayment(paymentId: string, amount: number, operationId: string): SaleStep {
  return { paymentReceived: { paymentId, method: 'sbp', amount, sbp: { operationId, payerBank: 'Т-Банк', tid: 'T0000001' } } };
}

export function cashPayment(paymentId: string, amount: number): SaleStep {
  return { paymentReceived: { paymentId, method: 'cash', amount } };
}

export function refund(paymentId: string, amount: number): SaleStep {
  return { paymentRefunded: { paymentId, amount } };
}

export const SHIPPED_ALL: SaleStep = { goodsShipped: { all: true } };

/** The receipt the register printed: ФД `number`, the rest fixed. */
export function completed(number: number, issuedAt: Date): SaleStep {
  return { saleCompleted: { fiscalDocument: { number, sign: '3412905512', fnNumber: '7281440500123456', shiftNumber: 12, issuedAt: issuedAt.toISOString() } } };
}

export function cancelled(reason: string): SaleStep {
  return { saleCancelled: { reason } };
}

/** A till's sales: it pushes each sale's steps a second apart from the time given, and fails on any refused event. */
export class TillSales {
  private seq = 0;

  constructor(private readonly terminal: PosTerminal) {}

  /** Pushes one sale made by the cashier logged in on the terminal now; its id. */
  async sale(startsAt: Date, steps: SaleStep[]): Promise<string> {
    const saleId = randomUUID();
    const events: PushedEvent[] = steps.map((step, index) => ({ ...step, eventId: randomUUID(), saleId, occurredAt: new Date(startsAt.getTime() + index * 1000).toISOString(), seq: ++this.seq }));
    const reply = await this.terminal.send('POST', '/pos/v1/sales/events', { body: { events } });
    if (reply.status !== 200) throw new Error(`the sales push answered ${reply.status}: ${await reply.text()}`);
    const { results } = PushSaleEventsResponse.parse(await reply.json());
    const refused = results.filter(({ outcome }) => outcome === 'rejected');
    if (refused.length > 0) throw new Error(`events refused: ${refused.map(({ reason }) => reason).join('; ')}`);
    return saleId;
  }
}
