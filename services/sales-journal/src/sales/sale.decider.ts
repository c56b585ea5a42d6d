import {
  DomainError,
  PAYMENT_METHOD_LABELS_RU,
  SaleEvents,
  SERVICE_PAYMENT_SUBJECTS,
  type FulfilmentPayload,
  type PaymentMethod,
  type SaleItem,
  type SalePaymentMethod,
  type SaleRefusalCode,
  type SaleStatus,
} from '@elk/contracts';
import type { Decider, EventOf } from '@elk/service-kit';

/**
 * A sale, one stream per sale (`sale-<saleId>`, named by the terminal's id alone so that an id another organisation took
 * fails the append), as its terminal pushes it. The manual's statuses:
 * Создана → В процессе (the first payment, shipment or rendering) → Завершена (paid in full, every line shipped or
 * rendered in full, with its fiscal document), or Создана → Отменена. Each pushed event is recorded as it came, or
 * refused with a `SaleRefusal` whose code and Russian reason the terminal is answered with.
 */

export type SaleEvent = EventOf<typeof SaleEvents>;
export type SaleEventType = SaleEvent['type'];

export const saleStreamId = (saleId: string) => `sale-${saleId}`;

/** Record one event a terminal pushed, with what its cashier may do (from the terminal session). */
export interface RecordSaleEvent {
  type: 'RecordSaleEvent';
  event: SaleEvent;
  cashier: {
    /** False for a Guest: they may not create a sale or take a payment. */
    canSell: boolean;
    /** What the cashier's role may take at the sales point. */
    paymentMethods: readonly PaymentMethod[];
  };
}

interface LineState {
  line: number;
  /** Thousandths of the unit, so that fractions add up exactly. */
  quantity: number;
  fulfilled: number;
  service: boolean;
}

interface PaymentState {
  method: SalePaymentMethod;
  amount: number;
  refunded: number;
}

export interface SaleState {
  /** null before the sale is created. */
  status: SaleStatus | null;
  total: number;
  /** Paid less refunded. */
  paid: number;
  lines: LineState[];
  payments: Readonly<Record<string, PaymentState>>;
}

export const initialSaleState: SaleState = { status: null, total: 0, paid: 0, lines: [], payments: {} };

/** A pushed event the sale's rules refuse: `refusal` is what the terminal is told (`PushedSaleEventResult.code`). */
export class SaleRefusal extends DomainError {
  constructor(
    readonly refusal: SaleRefusalCode,
    message: string,
  ) {
    super('RULE_VIOLATED', message);
  }
}

const refuse = (code: SaleRefusalCode, message: string): never => {
  throw new SaleRefusal(code, message);
};

/** Thousandths of a unit, the exact form of a quantity with up to three decimals. */
export const toThousandths = (quantity: number) => Math.round(quantity * 1000);

export function isServiceLine(item: Pick<SaleItem, 'paymentSubject'>): boolean {
  return SERVICE_PAYMENT_SUBJECTS.has(item.paymentSubject);
}

/** The status after an event of the type: the first payment, shipment or rendering puts a created sale in progress. */
export function statusAfter(status: SaleStatus | null, type: SaleEventType): SaleStatus | null {
  switch (type) {
    case 'SaleCreated':
      return 'created';
    case 'PaymentReceived':
    case 'GoodsShipped':
    case 'ServiceRendered':
      return status === 'created' ? 'in-progress' : status;
    case 'PaymentRefunded':
      return status;
    case 'SaleCompleted':
      return 'completed';
    case 'SaleCancelled':
      return 'cancelled';
  }
}

/**
 * What a shipment (goods) or rendering (services) adds to each line, in thousandths: `all` is whatever remains of the
 * lines of its kind, else the lines named (a line named twice adds up).
 */
export function fulfilmentOf(lines: readonly LineState[], payload: FulfilmentPayload, service: boolean): Map<number, number> {
  const added = new Map<number, number>();
  if (payload.all) {
    for (const line of lines) if (line.service === service && line.fulfilled < line.quantity) added.set(line.line, line.quantity - line.fulfilled);
  } else {
    for (const { line, quantity } of payload.lines) added.set(line, (added.get(line) ?? 0) + toThousandths(quantity));
  }
  return added;
}

/** Refuses a shipment of services or rendering of goods, unknown lines, more than remains, and nothing at all. */
function checkFulfilment(lines: readonly LineState[], payload: FulfilmentPayload, service: boolean): void {
  const added = fulfilmentOf(lines, payload, service);
  if (added.size === 0) refuse('NOTHING_TO_FULFIL', service ? 'Все услуги продажи уже оказаны' : 'Все товары продажи уже отгружены');
  for (const [number, quantity] of added) {
    const line = lines.find((candidate) => candidate.line === number) ?? refuse('LINE_UNKNOWN', `В продаже нет строки ${number}`);
    if (line.service !== service) {
      refuse(
        service ? 'RENDERING_OF_GOODS' : 'SHIPMENT_OF_SERVICE',
        service ? `Строка ${number} — товар: его отгружают, а не оказывают` : `Строка ${number} — услуга: её оказывают, а не отгружают`,
      );
    }
    if (line.fulfilled + quantity > line.quantity) {
      refuse('FULFILMENT_EXCEEDS_QUANTITY', `Строка ${number}: ${service ? 'оказать' : 'отгрузить'} можно не больше ${formatQuantity(line.quantity - line.fulfilled)}`);
    }
  }
}

export function formatKopecks(kopecks: number): string {
  return `${Math.trunc(kopecks / 100).toString().replace(/\B(?=(\d{3})+$)/g, ' ')},${String(kopecks % 100).padStart(2, '0')} ₽`;
}

function formatQuantity(thousandths: number): string {
  return String(thousandths / 1000).replace('.', ',');
}

function created(state: SaleState): void {
  if (state.status === null) refuse('SALE_NOT_FOUND', 'Продажа не найдена: сначала передайте её создание');
  if (state.status === 'completed') refuse('SALE_COMPLETED', 'Продажа уже завершена: изменить её нельзя');
  if (state.status === 'cancelled') refuse('SALE_CANCELLED', 'Продажа отменена: изменить её нельзя');
}

function createSale(command: RecordSaleEvent, state: SaleState): void {
  if (state.status !== null) refuse('SALE_ALREADY_EXISTS', 'Продажа с этим идентификатором уже создана');
  if (!command.cashier.canSell) refuse('SELLING_NOT_ALLOWED', 'Гость не может продавать: войдите на кассе под сотрудником с правом продажи');
}

function receivePayment(command: RecordSaleEvent & { event: { type: 'PaymentReceived' } }, state: SaleState): void {
  const { paymentId, method, amount } = command.event.data.payload;
  created(state);
  if (!command.cashier.canSell) refuse('SELLING_NOT_ALLOWED', 'Гость не может принимать оплату: войдите на кассе под сотрудником с правом продажи');
  if (!command.cashier.paymentMethods.includes(method)) {
    refuse('PAYMENT_METHOD_NOT_ALLOWED', `Способ оплаты «${PAYMENT_METHOD_LABELS_RU[method]}» не разрешён роли сотрудника на этой точке продаж`);
  }
  if (Object.hasOwn(state.payments, paymentId)) refuse('PAYMENT_ID_USED', 'Платёж с этим идентификатором уже есть в продаже');
  if (state.paid + amount > state.total) refuse('SALE_OVERPAID', `Оплата больше остатка: осталось оплатить ${formatKopecks(state.total - state.paid)}`);
}

function refundPayment(command: RecordSaleEvent & { event: { type: 'PaymentRefunded' } }, state: SaleState): void {
  const { paymentId, amount } = command.event.data.payload;
  if (state.status === 'completed') refuse('REFUND_AFTER_COMPLETION', 'Продажа завершена: деньги по ней возвращают чеком возврата');
  created(state);
  const payment = Object.hasOwn(state.payments, paymentId) ? state.payments[paymentId]! : refuse('REFUND_UNKNOWN_PAYMENT', 'В продаже нет платежа, который возвращают');
  if (payment.method === 'cash') refuse('REFUND_OF_CASH', 'Вернуть можно только оплату картой или по СБП');
  if (amount > payment.amount - payment.refunded) refuse('REFUND_EXCEEDS_PAYMENT', `Возврат больше остатка платежа: вернуть можно не больше ${formatKopecks(payment.amount - payment.refunded)}`);
}

function fulfil(command: RecordSaleEvent & { event: { type: 'GoodsShipped' | 'ServiceRendered' } }, state: SaleState): void {
  created(state);
  checkFulfilment(state.lines, command.event.data.payload, command.event.type === 'ServiceRendered');
}

function completeSale(state: SaleState): void {
  created(state);
  if (state.paid !== state.total) refuse('SALE_NOT_PAID', `Продажа оплачена не полностью: оплачено ${formatKopecks(state.paid)} из ${formatKopecks(state.total)}`);
  const left = state.lines.filter((line) => line.fulfilled < line.quantity).map((line) => line.line);
  if (left.length > 0) refuse('SALE_NOT_FULFILLED', `Не всё отгружено или оказано: строки ${left.join(', ')}`);
}

function cancelSale(state: SaleState): void {
  created(state);
  if (state.status === 'in-progress') refuse('SALE_TRANSITION', 'Отменить можно только созданную продажу: по этой уже были оплата или отгрузка');
}

export const saleDecider: Decider<RecordSaleEvent, SaleEvent, SaleState> = {
  /** The pushed event itself, once the sale's rules allow it. */
  decide(command, state) {
    const { event } = command;
    switch (event.type) {
      case 'SaleCreated':
        createSale(command, state);
        break;
      case 'PaymentReceived':
        receivePayment({ ...command, event }, state);
        break;
      case 'PaymentRefunded':
        refundPayment({ ...command, event }, state);
        break;
      case 'GoodsShipped':
      case 'ServiceRendered':
        fulfil({ ...command, event }, state);
        break;
      case 'SaleCompleted':
        completeSale(state);
        break;
      case 'SaleCancelled':
        cancelSale(state);
        break;
      default:
        return event satisfies never;
    }
    return [event];
  },
  evolve(state, event) {
    const status = statusAfter(state.status, event.type);
    switch (event.type) {
      case 'SaleCreated': {
        const { items, total } = event.data.payload;
        const lines = items.map((item) => ({ line: item.line, quantity: toThousandths(item.quantity), fulfilled: 0, service: isServiceLine(item) }));
        return { ...initialSaleState, status, total, lines };
      }
      case 'PaymentReceived': {
        const { paymentId, method, amount } = event.data.payload;
        return { ...state, status, paid: state.paid + amount, payments: { ...state.payments, [paymentId]: { method, amount, refunded: 0 } } };
      }
      case 'PaymentRefunded': {
        const { paymentId, amount } = event.data.payload;
        const payment = state.payments[paymentId];
        if (!payment) return state;
        return { ...state, paid: state.paid - amount, payments: { ...state.payments, [paymentId]: { ...payment, refunded: payment.refunded + amount } } };
      }
      case 'GoodsShipped':
      case 'ServiceRendered': {
        const added = fulfilmentOf(state.lines, event.data.payload, event.type === 'ServiceRendered');
        return { ...state, status, lines: state.lines.map((line) => ({ ...line, fulfilled: Math.min(line.quantity, line.fulfilled + (added.get(line.line) ?? 0)) })) };
      }
      case 'SaleCompleted':
      case 'SaleCancelled':
        return { ...state, status };
    }
  },
  initialState: initialSaleState,
  events: SaleEvents,
};
