/**
 * Hand-made sales for the journals' browser tests, each step one event a till pushes through pos-sim's
 * `PosTerminal.pushSales`: known items, amounts and bank details, so that a test can look for them on the screen
 * (pos-sim's SaleGenerator makes realistic but random ones). A till counts its events (`seq`) across every sale and
 * cashier, as the workplace's own counter.
 */
import { randomUUID } from 'node:crypto';
import type { PushedSaleEvent, SaleItem } from '@elk/contracts';
import type { PosTerminal } from '../scripts/pos-sim/pos-terminal';
import { moscowTime } from '../scripts/pos-sim/sale-generator';

/** One thing that happens to a sale: exactly one payload of a pushed event. */
export type SaleStep = Omit<PushedSaleEvent, 'eventId' | 'saleId' | 'occurredAt' | 'seq'>;

/** A line of the receipt: `quantity` × `price` kopecks, less its `discount`; a service when `service`. */
export function line(number: number, name: string, quantity: number, price: number, { discount = 0, service = false } = {}): SaleItem {
  const sum = Math.round(price * quantity) - discount;
  return { line: number, productId: null, name, quantity, unit: service ? 'усл' : 'шт', price, discount, sum, vatCode: 11, paymentSubject: service ? 4 : 1, markingCode: null };
}

export function created(number: number, items: SaleItem[]): SaleStep {
  return { saleCreated: { number, items, discount: 0, total: items.reduce((sum, item) => sum + item.sum, 0) } };
}

export function cashPayment(paymentId: string, amount: number): SaleStep {
  return { paymentReceived: { paymentId, method: 'cash', amount, card: null, sbp: null } };
}

/** A card payment: the card's last four digits and the RRN tell payments apart. */
export function cardPayment(paymentId: string, amount: number, { last4, rrn }: { last4: string; rrn: string }): SaleStep {
  return {
    paymentReceived: {
      paymentId,
      method: 'card',
      amount,
      card: { rrn, authCode: 'A1B2C3', cardMask: `220220******${last4}`, paymentSystem: 'МИР', tid: 'T0000001', mid: 'M123456789', bank: 'ПАО Сбербанк' },
      sbp: null,
    },
  };
}

export function sbpPayment(paymentId: string, amount: number, operationId: string): SaleStep {
  return { paymentReceived: { paymentId, method: 'sbp', amount, card: null, sbp: { operationId, payerBank: 'Т-Банк', tid: 'T0000001' } } };
}

export function refund(paymentId: string, amount: number): SaleStep {
  return { paymentRefunded: { paymentId, amount } };
}

export const SHIPPED_ALL: SaleStep = { goodsShipped: { all: true, lines: [] } };

/** The receipt the register printed: ФД `number`, the rest fixed. */
export function completed(number: number, issuedAt: Date): SaleStep {
  return { saleCompleted: { fiscalDocument: { number, sign: '3412905512', fnNumber: '7281440500123456', shiftNumber: 12, issuedAt: moscowTime(issuedAt) } } };
}

export function cancelled(reason: string): SaleStep {
  return { saleCancelled: { reason } };
}

/**
 * The events of one sale as its steps come: each numbered from the till's counter (`seq`), at `startsAt` plus a second
 * per count, so that events and sales are in the order they were made.
 */
export function saleEvents(till: { seq: number }, startsAt: number, saleId: string = randomUUID()) {
  return {
    saleId,
    event(step: SaleStep): PushedSaleEvent {
      const seq = till.seq++;
      return { ...step, eventId: randomUUID(), saleId, occurredAt: moscowTime(new Date(startsAt + seq * 1000)), seq } as PushedSaleEvent;
    },
  };
}

/** A till's sales: each sale's steps a second apart, by Moscow's clock; any refused event fails. */
export class TillSales {
  seq = 1;

  constructor(private readonly terminal: PosTerminal) {}

  /** Pushes one sale made by the cashier logged in on the terminal now; its id. */
  async sale(startsAt: Date, steps: SaleStep[]): Promise<string> {
    const sale = saleEvents(this, startsAt.getTime() - this.seq * 1000);
    const { results } = await this.terminal.pushSales(steps.map((step) => sale.event(step)));
    const refused = results.filter(({ outcome }) => outcome !== 'accepted');
    if (refused.length > 0) throw new Error(`events not accepted: ${refused.map(({ outcome, reason }) => `${outcome} ${reason ?? ''}`).join('; ')}`);
    return sale.saleId;
  }
}
