/** What the sales-journal tests push: a terminal's device and session, its numbered events, and their payloads. */
import { randomUUID } from 'node:crypto';
import type { PushedSaleEvent, PushSaleEvents, PushSaleEventsResponse, Role, SaleItem, TerminalSession } from '@elk/contracts';

export const milk = { line: 1, name: 'Молоко 3,2%', quantity: 2, unit: 'шт', price: 10_000, discount: 0, sum: 20_000, vatCode: 11, paymentSubject: 1 } satisfies Partial<SaleItem>;
export const delivery = { line: 2, name: 'Доставка', quantity: 1, unit: 'усл', price: 15_000, discount: 0, sum: 15_000, vatCode: 11, paymentSubject: 4 } satisfies Partial<SaleItem>;
export const card = (rrn = '123456789012', last4 = '1234') => ({ rrn, authCode: 'A1B2C3', cardMask: `220220******${last4}`, paymentSystem: 'МИР', tid: '10293847', mid: '781234567890', bank: 'Сбербанк' });
export const sbp = (operationId = 'B6340123456789') => ({ operationId, payerBank: 'Т-Банк', tid: '10293848' });
export const fiscalDocument = { number: 101, sign: '1234567890', fnNumber: '7380440700123456', shiftNumber: 3, issuedAt: '2026-12-06T12:40:00+03:00' };

export type Payload = Omit<PushedSaleEvent, 'eventId' | 'saleId' | 'occurredAt' | 'seq'>;

export const created = (number: number, items: Array<typeof milk | typeof delivery> = [milk, delivery]): Payload => ({
  saleCreated: { number, items, discount: 0, total: items.reduce((sum, item) => sum + item.sum, 0) },
});
export const cash = (amount: number, paymentId = randomUUID()): Payload => ({ paymentReceived: { paymentId, method: 'cash', amount } });
export const byCard = (amount: number, paymentId = randomUUID(), details = card()): Payload => ({ paymentReceived: { paymentId, method: 'card', amount, card: details } });
export const bySbp = (amount: number, paymentId = randomUUID(), details = sbp()): Payload => ({ paymentReceived: { paymentId, method: 'sbp', amount, sbp: details } });
export const shippedAll: Payload = { goodsShipped: { all: true, lines: [] } };
export const renderedAll: Payload = { serviceRendered: { all: true, lines: [] } };
export const completed: Payload = { saleCompleted: { fiscalDocument } };

export interface TillOptions {
  number?: number;
  employee?: string;
  role?: Role;
  paymentMethods?: TerminalSession['paymentMethods'];
  at?: { id: string; name: string };
}

/** A terminal of a new workplace of the organisation with an employee logged in: it counts its events. */
export function terminalOf(organisationId: string, salesPoint: { id: string; name: string }, options: TillOptions = {}) {
  const workplace = { id: randomUUID(), name: `Касса №${options.number ?? 1}`, number: options.number ?? 1 };
  const place = options.at ?? salesPoint;
  const device = { organisationId, workplaceId: workplace.id, salesPointId: place.id, credentialId: randomUUID() };
  const employee = { id: randomUUID(), name: options.employee ?? 'Петрова Анна' };
  const role = options.role ?? 'cashier';
  const session: TerminalSession = {
    employee,
    role,
    salesPoint: place,
    workplace,
    paymentMethods: options.paymentMethods ?? ['cash', 'card', 'sbp'],
    canSell: role !== 'guest',
    expiresAt: '2026-12-06T22:00:00.000Z',
  };
  let seq = 0;
  return {
    device,
    session,
    workplace,
    employee,
    /** The next event of a sale, as the terminal numbers it; a second after the one before unless told when. */
    event: (saleId: string, payload: Payload, occurredAt?: string): PushedSaleEvent => {
      seq += 1;
      return { eventId: randomUUID(), saleId, occurredAt: occurredAt ?? new Date(Date.UTC(2026, 11, 6, 9, 30) + seq * 1000).toISOString(), seq, ...payload };
    },
    /** The push command the gateway sends for these events. */
    command: (events: PushedSaleEvent[]): PushSaleEvents => ({ device, session, push: { events } }),
  };
}

export type Terminal = ReturnType<typeof terminalOf>;

/** A sale from creation to completion, paid in cash, by card (part of it refunded) and by СБП: 350 ₽. */
export function wholeSale(terminal: Pick<Terminal, 'event'>, number: number, saleId = randomUUID()): PushedSaleEvent[] {
  const cardPayment = randomUUID();
  return [
    terminal.event(saleId, created(number)),
    terminal.event(saleId, cash(10_000)),
    terminal.event(saleId, byCard(20_000, cardPayment)),
    terminal.event(saleId, { paymentRefunded: { paymentId: cardPayment, amount: 5_000 } }),
    terminal.event(saleId, bySbp(10_000)),
    terminal.event(saleId, { goodsShipped: { all: false, lines: [{ line: 1, quantity: 1.5 }] } }),
    terminal.event(saleId, { goodsShipped: { all: false, lines: [{ line: 1, quantity: 0.5 }] } }),
    terminal.event(saleId, renderedAll),
    terminal.event(saleId, completed),
  ];
}

/** Each result as [outcome, code or the sale's status]. */
export const outcomes = (response: PushSaleEventsResponse) => response.results.map(({ outcome, code, saleStatus }) => [outcome, code ?? saleStatus]);
