/**
 * Realistic sales as a terminal's app makes them: a receipt of goods (and now and then a service), paid in cash, by card
 * or by СБП, shipped and fiscalised, or left open, or cancelled, or with a card payment refunded and paid again in
 * cash. The same seed makes the same sales, so tests and the demo are reproducible.
 */
import { createHash, randomUUID } from 'node:crypto';
import { SALE_PAYMENT_METHODS, type FiscalDocument, type PushedSaleEvent, type SaleItem, type SalePaymentMethod, type TerminalProduct, type TerminalUnit } from '@elk/contracts';

/** What happens to a sale: how it ends, and how it is paid. */
export interface SaleScenario {
  ending: 'completed' | 'in-progress' | 'created' | 'cancelled';
  /** The payments in order; their amounts split the total (the last takes the rest). `in-progress` pays only the first, half of the total. */
  payments: SalePaymentMethod[];
  /** The first payment (a card or СБП one) is refunded, then the sale is paid in cash. */
  refundFirst?: boolean;
}

/** A product a terminal can sell: from its synced catalog, or one of the simulator's own. */
interface Sellable {
  productId: string | null;
  name: string;
  unit: string;
  price: number;
  vatCode: number;
  paymentSubject: number;
  /** Sold by weight: the quantity has decimals. */
  weighed: boolean;
}

const OWN_GOODS: Sellable[] = [
  { productId: null, name: 'Хлеб бородинский', unit: 'шт', price: 6500, vatCode: 2, paymentSubject: 1, weighed: false },
  { productId: null, name: 'Молоко 3,2% 1 л', unit: 'шт', price: 9900, vatCode: 2, paymentSubject: 1, weighed: false },
  { productId: null, name: 'Сыр российский', unit: 'кг', price: 89000, vatCode: 2, paymentSubject: 1, weighed: true },
  { productId: null, name: 'Кофе в зёрнах 250 г', unit: 'шт', price: 54900, vatCode: 11, paymentSubject: 1, weighed: false },
  { productId: null, name: 'Яблоки гала', unit: 'кг', price: 17900, vatCode: 2, paymentSubject: 1, weighed: true },
  { productId: null, name: 'Шоколад горький 100 г', unit: 'шт', price: 14900, vatCode: 11, paymentSubject: 1, weighed: false },
  { productId: null, name: 'Вода питьевая 0,5 л', unit: 'шт', price: 4500, vatCode: 11, paymentSubject: 1, weighed: false },
];
const OWN_SERVICES: Sellable[] = [{ productId: null, name: 'Доставка по городу', unit: 'усл', price: 30000, vatCode: 11, paymentSubject: 4, weighed: false }];

const CARDS = [
  { bin: '220220', paymentSystem: 'МИР', bank: 'ПАО Сбербанк' },
  { bin: '427601', paymentSystem: 'Visa', bank: 'ПАО Сбербанк' },
  { bin: '546938', paymentSystem: 'Mastercard', bank: 'Банк ВТБ (ПАО)' },
  { bin: '220070', paymentSystem: 'МИР', bank: 'АО «Альфа-Банк»' },
];
const SBP_BANKS = ['Сбербанк', 'Т-Банк', 'ВТБ', 'Альфа-Банк', 'Райффайзенбанк'];

/** mulberry32: small, fast and good enough for plausible data. */
function randomSource(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A time with Moscow's offset, as a terminal there writes its clock: 2026-12-06T12:30:05+03:00. */
export function moscowTime(at: Date): string {
  return new Date(at.getTime() + 3 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+03:00');
}

export interface SaleGeneratorOptions {
  /** Makes the same sales (and ids) for the same seed; by default a new one each time. Event ids are unique across organisations, so two terminals never share one. */
  seed?: string;
  /** The terminal's bank terminal and fiscal register (simulatedBankTerminal / simulatedFiscalRegister of its serial). */
  bankTerminal: { tid: string; mid: string };
  fnNumber: string;
  /** The methods the cashier's role may take at the sales point (the session says): a random sale pays only with them. */
  paymentMethods?: readonly string[];
  /** The workplace's counters to go on from (a terminal keeps them across restarts). */
  nextSeq?: number;
  nextNumber?: number;
}

export class SaleGenerator {
  private readonly random: () => number;
  private sellable: Sellable[] = [...OWN_GOODS, ...OWN_SERVICES];
  /** The workplace's counter of pushed events. */
  seq: number;
  /** The receipt number of the next sale. */
  number: number;
  private fiscalNumber = 1;

  private readonly seed: string;
  private idsDrawn = 0;

  constructor(private readonly options: SaleGeneratorOptions) {
    this.seed = options.seed ?? randomUUID();
    this.random = randomSource(this.seed);
    this.seq = options.nextSeq ?? 1;
    this.number = options.nextNumber ?? 1;
  }

  /** Sell from the terminal's synced catalog (its products with their units' short names) instead of the simulator's own goods. */
  useCatalog(products: Iterable<TerminalProduct>, units: ReadonlyMap<string, TerminalUnit>): void {
    const fromCatalog = [...products]
      .filter((product) => product.price > 0 && !product.marked)
      .map((product) => {
        const unit = units.get(product.unitId)?.shortName ?? 'шт';
        return { productId: product.id, name: product.name.slice(0, 128), unit: unit.slice(0, 16), price: product.price, vatCode: product.vatCode, paymentSubject: product.paymentSubject, weighed: unit === 'кг' };
      });
    if (fromCatalog.length > 0) this.sellable = fromCatalog;
  }

  /** A scenario in the proportions of a small shop's day, paid only with the methods the cashier may take. */
  randomScenario(): SaleScenario {
    const scenario = this.anyScenario();
    const allowed = SALE_PAYMENT_METHODS.filter((method) => this.options.paymentMethods?.includes(method) ?? true);
    if (scenario.payments.every((method) => allowed.includes(method))) return scenario;
    return allowed.length > 0 ? { ...scenario, payments: scenario.payments.map(() => allowed[0]!), refundFirst: false } : { ending: 'created', payments: [] };
  }

  private anyScenario(): SaleScenario {
    const roll = this.random();
    if (roll < 0.3) return { ending: 'completed', payments: ['cash'] };
    if (roll < 0.6) return { ending: 'completed', payments: ['card'] };
    if (roll < 0.72) return { ending: 'completed', payments: ['sbp'] };
    if (roll < 0.77) return { ending: 'completed', payments: ['cash', 'card'] };
    if (roll < 0.8) return { ending: 'completed', payments: ['card'], refundFirst: true };
    if (roll < 0.87) return { ending: 'in-progress', payments: ['card'] };
    if (roll < 0.93) return { ending: 'created', payments: [] };
    return { ending: 'cancelled', payments: [] };
  }

  /** The events of one sale, starting at `at`, a few seconds apart. */
  sale(at: Date, scenario: SaleScenario = this.randomScenario()): PushedSaleEvent[] {
    const saleId = this.uuid();
    const items = this.items();
    const total = items.reduce((sum, item) => sum + item.sum, 0);
    let clock = at.getTime();
    const events: PushedSaleEvent[] = [];
    const push = (payload: Partial<PushedSaleEvent>) => {
      events.push({ eventId: this.uuid(), saleId, occurredAt: moscowTime(new Date(clock)), seq: this.seq++, ...payload } as PushedSaleEvent);
      clock += 2_000 + Math.floor(this.random() * 20_000);
    };

    push({ saleCreated: { number: this.number++, items, discount: 0, total } });
    if (scenario.ending === 'cancelled') {
      push({ saleCancelled: { reason: 'Покупатель передумал' } });
      return events;
    }
    if (scenario.ending === 'created') return events;
    if (scenario.ending === 'in-progress') {
      push({ paymentReceived: this.payment(scenario.payments[0] ?? 'card', Math.max(1, Math.floor(total / 2))) });
      return events;
    }

    if (scenario.refundFirst) {
      const refunded = this.payment(scenario.payments[0] ?? 'card', total);
      push({ paymentReceived: refunded });
      push({ paymentRefunded: { paymentId: refunded.paymentId, amount: total } });
      push({ paymentReceived: this.payment('cash', total) });
    } else {
      let left = total;
      scenario.payments.forEach((method, index) => {
        const amount = index === scenario.payments.length - 1 ? left : Math.max(1, Math.floor(left / 2));
        left -= amount;
        push({ paymentReceived: this.payment(method, amount) });
      });
    }
    if (items.some((item) => item.paymentSubject !== 4)) push({ goodsShipped: { all: true, lines: [] } });
    if (items.some((item) => item.paymentSubject === 4)) push({ serviceRendered: { all: true, lines: [] } });
    push({ saleCompleted: { fiscalDocument: this.fiscalDocument(new Date(clock)) } });
    return events;
  }

  private items(): SaleItem[] {
    const goods = this.sellable.filter((one) => one.paymentSubject !== 4);
    const services = this.sellable.filter((one) => one.paymentSubject === 4);
    const count = 1 + Math.floor(this.random() * 4);
    const chosen = Array.from({ length: count }, () => this.pick(goods.length > 0 ? goods : this.sellable));
    if (services.length > 0 && this.random() < 0.1) chosen.push(this.pick(services));
    return chosen.map((one, index) => {
      const quantity = one.weighed ? Math.round((0.2 + this.random() * 1.8) * 1000) / 1000 : 1 + Math.floor(this.random() * 3);
      const gross = Math.round(one.price * quantity);
      const discount = this.random() < 0.1 ? Math.floor(gross * 0.1) : 0;
      return {
        line: index + 1,
        productId: one.productId,
        name: one.name,
        quantity,
        unit: one.unit,
        price: one.price,
        discount,
        sum: gross - discount,
        vatCode: one.vatCode,
        paymentSubject: one.paymentSubject,
        markingCode: null,
      };
    });
  }

  private payment(method: SalePaymentMethod, amount: number) {
    const paymentId = this.uuid();
    if (method === 'cash') return { paymentId, method, amount, card: null, sbp: null };
    if (method === 'card') {
      const card = this.pick(CARDS);
      return {
        paymentId,
        method,
        amount,
        card: {
          rrn: this.digits(12),
          authCode: this.digits(6),
          cardMask: `${card.bin}******${this.digits(4)}`,
          paymentSystem: card.paymentSystem,
          tid: this.options.bankTerminal.tid,
          mid: this.options.bankTerminal.mid,
          bank: card.bank,
        },
        sbp: null,
      };
    }
    return { paymentId, method, amount, card: null, sbp: { operationId: `A${this.digits(4)}${this.uuid().replace(/-/g, '').slice(0, 27).toUpperCase()}`, payerBank: this.pick(SBP_BANKS), tid: this.options.bankTerminal.tid } };
  }

  private fiscalDocument(at: Date): FiscalDocument {
    return { number: this.fiscalNumber++, sign: this.digits(10).replace(/^0+/, '') || '1', fnNumber: this.options.fnNumber, shiftNumber: 1 + Math.floor((at.getTime() / 86_400_000) % 9999), issuedAt: moscowTime(at) };
  }

  private pick<T>(from: readonly T[]): T {
    return from[Math.floor(this.random() * from.length)]!;
  }

  private digits(length: number): string {
    return Array.from({ length }, () => Math.floor(this.random() * 10)).join('');
  }

  /**
   * A version-4 UUID hashed from the seed and a counter: the same seed, the same ids. Not drawn from `random`, whose
   * 32 bits of state two generators can share: from then on they made the same sales with the same ids (a bench
   * saw hundreds of its pushes answered `duplicate`).
   */
  private uuid(): string {
    const bytes = createHash('sha256').update(`${this.seed}:${this.idsDrawn++}`).digest().subarray(0, 16);
    bytes[6] = (bytes[6]! & 0x0f) | 0x40;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}
