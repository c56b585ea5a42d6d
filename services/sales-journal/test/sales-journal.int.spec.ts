/**
 * The sales-journal service on real infrastructure in both run modes: a terminal's push records a sale from its
 * creation to its completion (cash, card, СБП, a refund, shipment, rendering); a repeated push, or one racing itself,
 * records nothing twice and gets the first outcomes; a refused event is recorded and the sale's later events skipped;
 * two pushes of one workplace at once make one linear chain; the journals list, filter, sort and show sales and
 * transactions to whom they belong; a stored event changed in PostgreSQL breaks the sale's integrity.
 */
import { randomUUID } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  SALE_CHAIN_GENESIS,
  SaleExportPage,
  SalesJournalSubjects,
  TransactionExportPage,
  actorHeaders,
  type PushedSaleEvent,
  type PushSaleEventsResponse,
  type Role,
  type SaleList,
  type SaleListItem,
  type SaleView,
  type TransactionList,
  type TransactionListItem,
} from '@elk/contracts';
import type { RecordedEvent } from '@elk/eventstore';
import { RemoteError } from '@elk/messaging';
import { InfrastructureModule } from '@elk/service-kit';
import { TEST_DATABASE_URL, infrastructureFixture, serveOnBus, type TestInfrastructure } from '@elk/testing';
import { Pool } from 'pg';
import { SalesJournalModule, saleRegisterStreamId, saleStreamId } from '../src';
import { SalesJournalProjections } from '../src/sales-journal.projections';
import { byCard, bySbp, card, cash, created, delivery, fiscalDocument, milk, outcomes, sbp, shippedAll, terminalOf, wholeSale, type TillOptions } from './sale-pushes';

describe.each(['embedded', 'distributed'] as const)('sales-journal service (%s)', (mode) => {
  const fixture = infrastructureFixture(mode, 'salesjournal');
  let infrastructure: TestInfrastructure;
  let app: INestMicroservice | undefined;

  beforeAll(() => fixture.start(), 30_000);
  beforeEach(async () => {
    infrastructure = await fixture.open();
    const module = await Test.createTestingModule({ imports: [InfrastructureModule.forRoot(infrastructure), SalesJournalModule.forRoot()] }).compile();
    app = await serveOnBus(module, infrastructure.bus);
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await fixture.cleanup();
  });
  afterAll(() => fixture.close());

  const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as RemoteError);

  /** An organisation with a sales point; its employees log in on terminals and read its journals. */
  function organisation() {
    const organisationId = randomUUID();
    const salesPoint = { id: randomUUID(), name: 'Магазин у дома' };
    const as = (role: Role, accountId: string = randomUUID()) => {
      const headers = actorHeaders({ organisationId, accountId, role }, randomUUID());
      return <R>(subject: string, data: unknown) => infrastructure.bus.request<R>(subject, data, { headers });
    };
    /** A terminal of one of its workplaces with an employee logged in: it counts its events and pushes them. */
    const terminal = (options: TillOptions = {}) => {
      const base = terminalOf(organisationId, salesPoint, options);
      return {
        ...base,
        /** Pushes, and waits until the journals show what the push recorded (the answer does not wait for them). */
        push: async (events: PushedSaleEvent[]) => {
          const response = await infrastructure.bus.request<PushSaleEventsResponse>(SalesJournalSubjects.PushSaleEvents, base.command(events));
          const registerId = saleRegisterStreamId(organisationId, base.workplace.id);
          const { version } = await infrastructure.eventStore.readStream(registerId, { direction: 'backwards', maxCount: 1 });
          if (version > 0) await app!.get(SalesJournalProjections).waitForStream(registerId, version);
          return response;
        },
      };
    };
    return { organisationId, salesPoint, as, terminal };
  }

  it('records a sale from creation to completion in one push, and the journals show it, its transactions, history and confirmed integrity', async () => {
    const shop = organisation();
    const till = shop.terminal();
    const saleId = randomUUID();
    const events = wholeSale(till, 7, saleId);

    const response = await till.push(events);
    expect(outcomes(response)).toEqual([
      ['accepted', 'created'],
      ...Array.from({ length: 7 }, () => ['accepted', 'in-progress']),
      ['accepted', 'completed'],
    ]);
    expect(response.chainHead).toEqual({ seq: events.at(-1)!.seq, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const owner = shop.as('owner');
    const list = await owner<SaleList>(SalesJournalSubjects.GetSaleList, {});
    expect(list).toEqual({
      items: [
        {
          id: saleId,
          number: 7,
          status: 'completed',
          total: 35_000,
          paid: 35_000,
          occurredAt: events[0]!.occurredAt,
          updatedAt: events.at(-1)!.occurredAt,
          salesPoint: shop.salesPoint,
          workplace: till.workplace,
          employee: till.employee,
          paymentMethods: ['cash', 'card', 'sbp'],
        },
      ],
      total: 1,
      nextCursor: null,
    });

    const sale = await owner<SaleView>(SalesJournalSubjects.GetSale, { saleId });
    expect(sale.items.map(({ line, fulfilled }) => ({ line, fulfilled }))).toEqual([{ line: 1, fulfilled: 2 }, { line: 2, fulfilled: 1 }]);
    expect(sale.payments.map(({ method, amount, refunded }) => ({ method, amount, refunded }))).toEqual([
      { method: 'cash', amount: 10_000, refunded: 0 },
      { method: 'card', amount: 20_000, refunded: 5_000 },
      { method: 'sbp', amount: 10_000, refunded: 0 },
    ]);
    expect(sale.fiscalDocument).toEqual(fiscalDocument);
    expect(sale.history.map(({ type, status, employee, workplace, seq }) => ({ type, status, employee, workplace, seq }))).toEqual(
      events.map((event, index) => ({
        type: ['SaleCreated', 'PaymentReceived', 'PaymentReceived', 'PaymentRefunded', 'PaymentReceived', 'GoodsShipped', 'GoodsShipped', 'ServiceRendered', 'SaleCompleted'][index],
        status: index === 0 ? 'created' : index === 8 ? 'completed' : 'in-progress',
        employee: till.employee,
        workplace: till.workplace,
        seq: event.seq,
      })),
    );
    expect(sale.integrity).toEqual({ status: 'confirmed', brokenEventId: null });

    const transactions = await owner<TransactionList>(SalesJournalSubjects.GetTransactionList, { sort: 'occurredAt' });
    expect(transactions.items.map(({ id, kind, method, amount, sale }) => ({ id, kind, method, amount, sale }))).toEqual([
      { id: events[2]!.eventId, kind: 'payment', method: 'card', amount: 20_000, sale: { id: saleId, number: 7, status: 'completed' } },
      { id: events[3]!.eventId, kind: 'refund', method: 'card', amount: 5_000, sale: { id: saleId, number: 7, status: 'completed' } },
      { id: events[4]!.eventId, kind: 'payment', method: 'sbp', amount: 10_000, sale: { id: saleId, number: 7, status: 'completed' } },
    ]);
    const refund = await owner<TransactionListItem>(SalesJournalSubjects.GetTransaction, { transactionId: events[3]!.eventId });
    expect(refund).toMatchObject({ kind: 'refund', card: card(), sbp: null, salesPoint: shop.salesPoint, workplace: till.workplace, employee: till.employee });
  });

  it("answers a repeated push with the first outcomes and records nothing again; a refused event is recorded, the sale's later events skipped until a corrected push", async () => {
    const shop = organisation();
    const till = shop.terminal();
    const saleId = randomUUID();
    const batch = [till.event(saleId, created(1)), till.event(saleId, cash(40_000)), till.event(saleId, shippedAll)];

    const first = await till.push(batch);
    expect(first.results).toEqual([
      { eventId: batch[0]!.eventId, outcome: 'accepted', reason: null, code: null, saleStatus: 'created' },
      { eventId: batch[1]!.eventId, outcome: 'rejected', reason: 'Оплата больше остатка: осталось оплатить 350,00 ₽', code: 'SALE_OVERPAID', saleStatus: null },
      { eventId: batch[2]!.eventId, outcome: 'rejected', reason: 'Пропущено: отклонено предыдущее событие этой продажи', code: 'SALE_PRECEDING_REJECTED', saleStatus: null },
    ]);
    const register = saleRegisterStreamId(shop.organisationId, till.workplace.id);
    const stored = async () => ({
      sale: (await infrastructure.eventStore.readStream(saleStreamId(saleId))).events.map((event) => event.eventId),
      register: (await infrastructure.eventStore.readStream(register)).events.map((event) => event.type),
    });
    expect(await stored()).toEqual({ sale: [batch[0]!.eventId], register: ['SaleEventRejected', 'SaleChainExtended'] });

    const again = await till.push(batch);
    expect(again.results).toEqual([{ ...first.results[0], outcome: 'duplicate' }, first.results[1], first.results[2]]);
    expect(again.chainHead).toEqual(first.chainHead);
    expect(await stored()).toEqual({ sale: [batch[0]!.eventId], register: ['SaleEventRejected', 'SaleChainExtended'] });

    const corrected = till.event(saleId, cash(35_000));
    expect(outcomes(await till.push([corrected, batch[2]!]))).toEqual([
      ['accepted', 'in-progress'],
      ['accepted', 'in-progress'],
    ]);
    expect((await stored()).sale).toEqual([batch[0]!.eventId, corrected.eventId, batch[2]!.eventId]);
  });

  it('records each event once when a push races itself', async () => {
    const shop = organisation();
    const till = shop.terminal();
    const saleId = randomUUID();
    const batch = wholeSale(till, 1, saleId);

    const [one, other] = await Promise.all([till.push(batch), till.push(batch)]);
    batch.forEach((_, index) => {
      expect([one.results[index]!.outcome, other.results[index]!.outcome].sort()).toEqual(['accepted', 'duplicate']);
    });
    expect((await infrastructure.eventStore.readStream(saleStreamId(saleId))).events.map((event) => event.eventId)).toEqual(batch.map((event) => event.eventId));
    expect(one.chainHead).toEqual(other.chainHead);
  });

  it("links every event of a workplace into one chain when two of its pushes race, the register's head at its end", async () => {
    const shop = organisation();
    const till = shop.terminal();
    const firstSale = wholeSale(till, 1);
    const secondSale = wholeSale(till, 2);

    const responses = await Promise.all([till.push(firstSale), till.push(secondSale)]);
    expect(responses.flatMap((response) => response.results.map((result) => result.outcome))).toEqual(Array(18).fill('accepted'));

    const events: RecordedEvent[] = [];
    for (const saleId of [firstSale[0]!.saleId, secondSale[0]!.saleId]) events.push(...(await infrastructure.eventStore.readStream(saleStreamId(saleId))).events);
    const links = new Map(events.map((event) => [(event.metadata.chain as { previousHash: string }).previousHash, event]));
    expect(links.size).toBe(18);
    const walked: string[] = [];
    for (let hash = SALE_CHAIN_GENESIS, next = links.get(hash); next; next = links.get(hash)) {
      walked.push(next.eventId);
      hash = (next.metadata.chain as { hash: string }).hash;
    }
    expect(walked).toHaveLength(18);
    const head = (await infrastructure.eventStore.readStream(saleRegisterStreamId(shop.organisationId, till.workplace.id), { direction: 'backwards', maxCount: 1 })).events[0]!;
    expect((head.data as { head: { eventId: string } }).head.eventId).toBe(walked.at(-1));
  });

  it("refuses another organisation's ids: its sale is not found, for its terminals as for its journals", async () => {
    const shop = organisation();
    const stranger = organisation();
    const saleId = randomUUID();
    const till = shop.terminal();
    await till.push(wholeSale(till, 1, saleId));

    const theirs = stranger.terminal();
    expect(outcomes(await theirs.push([theirs.event(saleId, cash(100))]))).toEqual([['rejected', 'SALE_NOT_FOUND']]);
    const taken = { ...theirs.event(randomUUID(), created(1)), eventId: (await infrastructure.eventStore.readStream(saleStreamId(saleId))).events[0]!.eventId };
    expect(outcomes(await theirs.push([taken]))).toEqual([['rejected', 'EVENT_ID_TAKEN']]);
    expect((await infrastructure.eventStore.readStream(saleStreamId(taken.saleId))).version).toBe(0);
    const owner = stranger.as('owner');
    expect((await failureOf(owner(SalesJournalSubjects.GetSale, { saleId })))?.code).toBe('NOT_FOUND');
    const { items } = await owner<TransactionList>(SalesJournalSubjects.GetTransactionList, {});
    expect(items).toEqual([]);
    const transactionId = (await shop.as('owner')<TransactionList>(SalesJournalSubjects.GetTransactionList, {})).items[0]!.id;
    expect((await failureOf(owner(SalesJournalSubjects.GetTransaction, { transactionId })))?.code).toBe('NOT_FOUND');
  });

  it("shows a Cashier only the sales they created and their transactions, a Manager all, a Guest none", async () => {
    const shop = organisation();
    const anna = shop.terminal({ employee: 'Петрова Анна' });
    const boris = shop.terminal({ number: 2, employee: 'Смирнов Борис' });
    const annasSale = wholeSale(anna, 1);
    const borisSale = wholeSale(boris, 1);
    await anna.push(annasSale);
    await boris.push(borisSale);

    const annaReads = shop.as('cashier', anna.employee.id);
    expect((await annaReads<SaleList>(SalesJournalSubjects.GetSaleList, {})).items.map((sale) => sale.id)).toEqual([annasSale[0]!.saleId]);
    expect((await annaReads<SaleList>(SalesJournalSubjects.GetSaleList, { employeeId: boris.employee.id })).items).toEqual([]);
    expect(SaleExportPage.parse(await annaReads(SalesJournalSubjects.GetSaleExportPage, {})).rows.map((row) => row.employee)).toEqual(['Петрова Анна']);
    expect(await annaReads(SalesJournalSubjects.GetSaleExportPage, { employeeId: boris.employee.id })).toEqual({ rows: [], nextCursor: null });
    const annasTransactions = (await annaReads<TransactionList>(SalesJournalSubjects.GetTransactionList, {})).items;
    expect(TransactionExportPage.parse(await annaReads(SalesJournalSubjects.GetTransactionExportPage, {})).rows).toEqual(annasTransactions.map(transactionExportRowOf));
    expect((await failureOf(annaReads(SalesJournalSubjects.GetSale, { saleId: borisSale[0]!.saleId })))?.code).toBe('NOT_FOUND');
    expect(new Set((await annaReads<TransactionList>(SalesJournalSubjects.GetTransactionList, {})).items.map((transaction) => transaction.sale.id))).toEqual(new Set([annasSale[0]!.saleId]));
    expect((await failureOf(annaReads(SalesJournalSubjects.GetTransaction, { transactionId: borisSale[2]!.eventId })))?.code).toBe('NOT_FOUND');

    expect((await shop.as('manager')<SaleList>(SalesJournalSubjects.GetSaleList, {})).total).toBe(2);
    expect((await failureOf(shop.as('guest')(SalesJournalSubjects.GetSaleList, {})))?.code).toBe('FORBIDDEN');
    expect((await failureOf(shop.as('guest')(SalesJournalSubjects.GetTransactionList, {})))?.code).toBe('FORBIDDEN');
    expect((await failureOf(shop.as('guest')(SalesJournalSubjects.GetSaleExportPage, {})))?.code).toBe('FORBIDDEN');
    expect((await failureOf(shop.as('guest')(SalesJournalSubjects.GetTransactionExportPage, {})))?.code).toBe('FORBIDDEN');
  });

  it("takes what the cashier may do from the terminal's session: a Guest sells nothing, a role takes only its payment methods", async () => {
    const shop = organisation();
    const guest = shop.terminal({ role: 'guest', paymentMethods: [] });
    const refused = await guest.push([guest.event(randomUUID(), created(1))]);
    expect(refused.results[0]).toMatchObject({ outcome: 'rejected', code: 'SELLING_NOT_ALLOWED', reason: 'Гость не может продавать: войдите на кассе под сотрудником с правом продажи' });
    expect(refused.chainHead).toBeNull();

    const cashOnly = shop.terminal({ number: 2, paymentMethods: ['cash'] });
    const saleId = randomUUID();
    expect(outcomes(await cashOnly.push([cashOnly.event(saleId, created(1)), cashOnly.event(saleId, byCard(35_000)), cashOnly.event(saleId, cash(35_000))]))).toEqual([
      ['accepted', 'created'],
      ['rejected', 'PAYMENT_METHOD_NOT_ALLOWED'],
      ['rejected', 'SALE_PRECEDING_REJECTED'],
    ]);
  });

  it('filters the sales by period, status, place, employee, sum, number and payment method, and sorts them', async () => {
    const shop = organisation();
    const kiosk = { id: randomUUID(), name: 'Киоск' };
    const anna = shop.terminal();
    const boris = shop.terminal({ number: 2, employee: 'Смирнов Борис', at: kiosk });
    const [morning, noon, evening] = [randomUUID(), randomUUID(), randomUUID()];
    await anna.push([
      anna.event(morning, created(1, [milk]), '2026-12-06T09:00:00+03:00'),
      anna.event(morning, cash(20_000), '2026-12-06T09:01:00+03:00'),
      anna.event(noon, created(2), '2026-12-06T12:00:00+03:00'),
      anna.event(noon, { saleCancelled: { reason: 'Покупатель передумал' } }, '2026-12-06T12:01:00+03:00'),
    ]);
    // Boris's terminal keeps Kaliningrad time: 17:00 there is 18:00 in Moscow, the end of the period below.
    await boris.push([boris.event(evening, created(3, [{ ...delivery, line: 1 }]), '2026-12-06T17:00:00+02:00'), boris.event(evening, byCard(15_000), '2026-12-06T17:01:00+02:00')]);

    const owner = shop.as('owner');
    const ids = async (query: object) => (await owner<SaleList>(SalesJournalSubjects.GetSaleList, query)).items.map((sale) => sale.id);
    expect(await ids({})).toEqual([evening, noon, morning]);
    expect(await ids({ from: '2026-12-06T10:00:00+03:00', to: '2026-12-06T18:00:00+03:00' })).toEqual([noon]);
    expect(await ids({ from: '2026-12-06T18:00:00+03:00' })).toEqual([evening]);
    const { items } = await owner<SaleList>(SalesJournalSubjects.GetSaleList, {});
    expect(items.map((sale) => sale.occurredAt)).toEqual(['2026-12-06T17:00:00+02:00', '2026-12-06T12:00:00+03:00', '2026-12-06T09:00:00+03:00']);
    expect(await ids({ status: 'cancelled' })).toEqual([noon]);
    expect(await ids({ status: 'in-progress' })).toEqual([evening, morning]);
    expect(await ids({ salesPointId: kiosk.id })).toEqual([evening]);
    expect(await ids({ workplaceId: anna.workplace.id })).toEqual([noon, morning]);
    expect(await ids({ employeeId: boris.employee.id })).toEqual([evening]);
    expect(await ids({ sumFrom: 15_000, sumTo: 20_000 })).toEqual([evening, morning]);
    expect(await ids({ number: 2 })).toEqual([noon]);
    expect(await ids({ paymentMethod: 'card' })).toEqual([evening]);
    expect(await ids({ paymentMethod: 'cash' })).toEqual([morning]);
    expect(await ids({ sort: 'total' })).toEqual([evening, morning, noon]);
    expect(await ids({ sort: '-number' })).toEqual([evening, noon, morning]);
    expect(await ids({ sort: 'occurredAt' })).toEqual([morning, noon, evening]);

    const firstPage = await owner<SaleList>(SalesJournalSubjects.GetSaleList, { limit: 2 });
    expect(firstPage.total).toBe(3);
    const secondPage = await owner<SaleList>(SalesJournalSubjects.GetSaleList, { limit: 2, cursor: firstPage.nextCursor });
    expect([...firstPage.items, ...secondPage.items].map((sale) => sale.id)).toEqual([evening, noon, morning]);
    expect(secondPage).toMatchObject({ total: 3, nextCursor: null });
    // An export's page: the file's values of each sale, filtered and sorted as the list, arrays on the bus.
    const exportPage = await owner<unknown>(SalesJournalSubjects.GetSaleExportPage, { status: 'in-progress', limit: 1 });
    expect(exportPage).toMatchObject({ rows: [expect.any(Array), expect.any(Array)], nextCursor: null });
    const inProgress = (await owner<SaleList>(SalesJournalSubjects.GetSaleList, { status: 'in-progress' })).items;
    expect(SaleExportPage.parse(exportPage).rows).toEqual(inProgress.map(saleExportRowOf));
  });

  it('filters the transactions by kind, method, RRN, TID, card and СБП operation, and sorts them by amount', async () => {
    const shop = organisation();
    const till = shop.terminal();
    const saleId = randomUUID();
    const cardPayment = randomUUID();
    const events = [
      till.event(saleId, created(1)),
      till.event(saleId, byCard(20_000, cardPayment, card('000000000001', '4321'))),
      till.event(saleId, { paymentRefunded: { paymentId: cardPayment, amount: 5_000 } }),
      till.event(saleId, bySbp(10_000, randomUUID(), sbp('A1234567890'))),
    ];
    await till.push(events);
    const [, payment, refund, fast] = events.map((event) => event.eventId);

    const owner = shop.as('owner');
    const ids = async (query: object) => (await owner<TransactionList>(SalesJournalSubjects.GetTransactionList, query)).items.map((transaction) => transaction.id);
    expect(await ids({})).toEqual([fast, refund, payment]);
    expect(await ids({ kind: 'refund' })).toEqual([refund]);
    expect(await ids({ method: 'sbp' })).toEqual([fast]);
    expect(new Set(await ids({ rrn: '000000000001' }))).toEqual(new Set([payment, refund]));
    expect(await ids({ tid: '10293848' })).toEqual([fast]);
    expect(new Set(await ids({ cardLast4: '4321' }))).toEqual(new Set([payment, refund]));
    expect(await ids({ sbpOperationId: 'A1234567890' })).toEqual([fast]);
    expect(await ids({ sort: 'amount' })).toEqual([refund, fast, payment]);
    expect(await ids({ sumFrom: 10_000, sumTo: 15_000 })).toEqual([fast]);

    // An export's page: the file's values of each card and СБП transaction, arrays on the bus.
    const exportPage = await owner<unknown>(SalesJournalSubjects.GetTransactionExportPage, { sort: 'amount' });
    expect(exportPage).toMatchObject({ rows: [expect.any(Array), expect.any(Array), expect.any(Array)], nextCursor: null });
    const byAmount = (await owner<TransactionList>(SalesJournalSubjects.GetTransactionList, { sort: 'amount' })).items;
    expect(TransactionExportPage.parse(exportPage).rows).toEqual(byAmount.map(transactionExportRowOf));
    expect(TransactionExportPage.parse(await owner(SalesJournalSubjects.GetTransactionExportPage, { method: 'sbp' })).rows.map((row) => row.sbpOperationId)).toEqual(['A1234567890']);
  });

  if (mode === 'distributed') {
    it("shows the sale's integrity broken at the event whose amount was changed in PostgreSQL", async () => {
      const shop = organisation();
      const till = shop.terminal();
      const saleId = randomUUID();
      const events = wholeSale(till, 1, saleId);
      await till.push(events);
      const tampered = events[2]!.eventId;

      const pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
      try {
        const { rows } = await pool.query<{ schema: string }>("SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'events' AND table_schema LIKE 'salesjournal_%'");
        let changed = 0;
        for (const { schema } of rows) {
          const result = await pool.query(`UPDATE "${schema}".events SET data = jsonb_set(data, '{payload,amount}', '25000') WHERE event_id = $1`, [tampered]);
          // And another event's employee, as if someone covered their tracks: the details still read.
          await pool.query(`UPDATE "${schema}".events SET data = jsonb_set(data, '{origin,employee}', '"Иванов"') WHERE event_id = $1`, [events[4]!.eventId]);
          changed += result.rowCount ?? 0;
        }
        expect(changed).toBe(1);
      } finally {
        await pool.end();
      }

      const sale = await shop.as('owner')<SaleView>(SalesJournalSubjects.GetSale, { saleId });
      expect(sale.integrity).toEqual({ status: 'broken', brokenEventId: tampered });
      expect(sale.history.map((entry) => entry.seq)).toEqual(events.filter((_, index) => index !== 4).map((event) => event.seq));
    });
  }
});

/** A sale's row of an export, as the list shows the sale. */
const saleExportRowOf = (sale: SaleListItem) => ({
  occurredAt: sale.occurredAt,
  number: sale.number,
  status: sale.status,
  total: sale.total,
  paid: sale.paid,
  paymentMethods: sale.paymentMethods,
  salesPoint: sale.salesPoint.name,
  workplace: sale.workplace.name,
  workplaceNumber: sale.workplace.number,
  employee: sale.employee.name,
});

/** A transaction's row of an export, as the list shows the transaction. */
const transactionExportRowOf = (transaction: TransactionListItem) => ({
  occurredAt: transaction.occurredAt,
  kind: transaction.kind,
  amount: transaction.amount,
  method: transaction.method,
  cardMask: transaction.card?.cardMask ?? null,
  paymentSystem: transaction.card?.paymentSystem ?? null,
  rrn: transaction.card?.rrn ?? null,
  authCode: transaction.card?.authCode ?? null,
  cardTid: transaction.card?.tid ?? null,
  mid: transaction.card?.mid ?? null,
  bank: transaction.card?.bank ?? null,
  sbpOperationId: transaction.sbp?.operationId ?? null,
  sbpTid: transaction.sbp?.tid ?? null,
  payerBank: transaction.sbp?.payerBank ?? null,
  saleNumber: transaction.sale.number,
  salesPoint: transaction.salesPoint.name,
  workplace: transaction.workplace.name,
  workplaceNumber: transaction.workplace.number,
  employee: transaction.employee.name,
});
