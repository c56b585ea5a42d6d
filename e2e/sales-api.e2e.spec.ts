/**
 * The sales journal over HTTP, in both run modes: a terminal (pos-sim's PosTerminal and SaleGenerator) pushes what
 * happens to its sales; each event is accepted, a duplicate of an earlier push, or rejected with a Russian reason;
 * the later events of a rejected sale in the same batch are skipped with it; a retried batch, even racing itself,
 * records nothing twice; a full card number never gets in. The cabinet reads Журналы → Продажи and Транзакции with
 * their filters, details, integrity and exports (longer than the pages they are read in); the Cashier reads their own sales only, the Guest none, another
 * organisation nothing.
 */
import { randomUUID } from 'node:crypto';
import { JOURNAL_COUNT_LIMIT, JOURNAL_EXPORT_PAGE_SIZE, MAX_PUSHED_SALE_EVENTS, type SaleItem } from '@elk/contracts';
import { ROMASHKA, useRunningSystem } from './api.harness';
import { sellingTerminal } from './pos-terminal.harness';
import { uniqueContact, type RunMode } from './system.harness';
import { TerminalRequestError } from '../scripts/pos-sim/pos-terminal';
import { moscowTime } from '../scripts/pos-sim/sale-generator';
import { SHIPPED_ALL, cancelled, cardPayment, cashPayment, completed, created, line, refund, saleEvents } from './sales.harness';

jest.setTimeout(120_000);

/** An hour ago: hand-made events happen a second apart from there, by their place in the terminal's count. */
const START = Date.now() - 3_600_000;
const timeOf = (seq: number) => moscowTime(new Date(START + seq * 1000));
const CARD = { last4: '4242', rrn: '612345678901' };

/** Hand-made events of one sale, numbered from the terminal's counter. */
function saleOf(till: { seq: number }) {
  const sale = saleEvents(till, START);
  return {
    saleId: sale.saleId,
    created: (items: SaleItem[], number = 1) => sale.event(created(number, items)),
    cash: (amount: number) => sale.event(cashPayment(randomUUID(), amount)),
    card: (amount: number) => sale.event(cardPayment(randomUUID(), amount, CARD)),
    /** A card payment whose «mask» is whatever the terminal put there. */
    cardMasked: (amount: number, cardMask: string) => {
      const { paymentReceived } = cardPayment(randomUUID(), amount, CARD);
      return sale.event({ paymentReceived: { ...paymentReceived!, card: { ...paymentReceived!.card!, cardMask } } });
    },
    refund: (paymentId: string, amount: number) => sale.event(refund(paymentId, amount)),
    shipped: () => sale.event(SHIPPED_ALL),
    completed: () => sale.event(completed(17, new Date())),
    cancelled: () => sale.event(cancelled('Покупатель передумал')),
  };
}

const outcomes = (results: Array<{ outcome: string }>) => results.map((result) => result.outcome);

describe.each<RunMode>(['embedded', 'distributed'])('sales journal API (%s mode)', (mode) => {
  const system = useRunningSystem(mode);
  const { api } = system;
  const call = api.call;

  const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as TerminalRequestError);

  it('takes a batch of sales, moves each through its statuses, and the journal shows them with items, payments, fiscal data, history and integrity', async () => {
    const owner = await api.signUp();
    const token = owner.accessToken;
    const till = await sellingTerminal(api, system.url, token);
    const counter = { seq: 1 };
    const paidInCash = saleOf(counter);
    const byCard = saleOf(counter);
    const open = saleOf(counter);
    const dropped = saleOf(counter);
    const card = byCard.card(45_000);
    const events = [
      paidInCash.created([line(1, 'Хлеб бородинский', 2, 6_500), line(2, 'Сыр российский', 0.35, 89_000)], 1),
      paidInCash.cash(44_150),
      paidInCash.shipped(),
      paidInCash.completed(),
      byCard.created([line(1, 'Кофе в зёрнах 250 г', 3, 15_000)], 2),
      card,
      byCard.shipped(),
      byCard.completed(),
      open.created([line(1, 'Доставка по городу', 1, 30_000, { service: true })], 3),
      open.cash(10_000),
      dropped.created([line(1, 'Вода питьевая 0,5 л', 1, 4_500)], 4),
      dropped.cancelled(),
    ];
    const pushed = await till.terminal.pushSales(events);
    expect(outcomes(pushed.results)).toEqual(events.map(() => 'accepted'));
    expect(pushed.results.map((result) => result.saleStatus)).toEqual(['created', 'in-progress', 'in-progress', 'completed', 'created', 'in-progress', 'in-progress', 'completed', 'created', 'in-progress', 'created', 'cancelled']);
    expect(pushed.chainHead).toEqual({ seq: 12, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const list = await api.eventually('/api/v1/sales', token, (reply) => reply.body?.total === 4);
    expect(list.body.items.map((sale: { number: number; status: string; total: number; paymentMethods: string[] }) => [sale.number, sale.status, sale.total, sale.paymentMethods])).toEqual([
      [4, 'cancelled', 4_500, []],
      [3, 'in-progress', 30_000, ['cash']],
      [2, 'completed', 45_000, ['card']],
      [1, 'completed', 44_150, ['cash']],
    ]);
    expect(list.body.items[0]).toMatchObject({ employee: { id: till.employee.id, name: till.employee.name }, workplace: { id: till.workplaceId, name: 'Касса №1', number: 1 }, salesPoint: { id: till.salesPointId, name: 'Магазин у дома' } });

    const details = await call('GET', `/api/v1/sales/${byCard.saleId}`, token);
    expect(details.status).toBe(200);
    expect(details.body).toMatchObject({
      id: byCard.saleId,
      number: 2,
      status: 'completed',
      total: 45_000,
      paid: 45_000,
      items: [{ line: 1, name: 'Кофе в зёрнах 250 г', quantity: 3, price: 15_000, sum: 45_000, fulfilled: 3 }],
      payments: [{ paymentId: card.paymentReceived!.paymentId, method: 'card', amount: 45_000, refunded: 0, card: { cardMask: '220220******4242', rrn: '612345678901', authCode: 'A1B2C3', tid: 'T0000001' } }],
      fiscalDocument: { number: 17, sign: '3412905512', fnNumber: '7281440500123456', shiftNumber: 12 },
      integrity: { status: 'confirmed', brokenEventId: null },
    });
    expect(details.body.history.map((entry: { type: string; status: string; employee: { name: string }; workplace: { name: string } }) => [entry.type, entry.status, entry.employee.name, entry.workplace.name])).toEqual([
      ['SaleCreated', 'created', till.employee.name, 'Касса №1'],
      ['PaymentReceived', 'in-progress', till.employee.name, 'Касса №1'],
      ['GoodsShipped', 'in-progress', till.employee.name, 'Касса №1'],
      ['SaleCompleted', 'completed', till.employee.name, 'Касса №1'],
    ]);

    // Filters: status, number, payment method, sum in roubles, period, place; sorts.
    const total = async (query: string) => (await call('GET', `/api/v1/sales?${query}`, token)).body.total;
    expect(await total('status=completed')).toBe(2);
    expect(await total('number=3')).toBe(1);
    expect(await total('paymentMethod=card')).toBe(1);
    expect(await total('fnNumber=7281440500123456')).toBe(2);
    expect(await total(`sumFrom=${encodeURIComponent('441,50')}&sumTo=${encodeURIComponent('449,99')}`)).toBe(1);
    expect(await total(`from=${encodeURIComponent(moscowTime(new Date(Date.now() + 3_600_000)))}`)).toBe(0);
    expect(await total(`from=${encodeURIComponent(timeOf(5))}&to=${encodeURIComponent(timeOf(9))}`)).toBe(1);
    expect(await total(`salesPointId=${till.salesPointId}&employeeId=${till.employee.id}&workplaceId=${till.workplaceId}`)).toBe(4);
    expect((await call('GET', '/api/v1/sales?sort=total', token)).body.items.map((sale: { number: number }) => sale.number)).toEqual([4, 3, 1, 2]);
    expect((await call('GET', '/api/v1/sales?sumFrom=много', token)).body).toMatchObject({ status: 400, errors: [{ path: 'sumFrom', message: expect.stringContaining('в рублях') }] });

    // Транзакции: the card payment only (cash is not a bank transaction), found by RRN and the card's last digits, linked to its sale.
    const transactions = await api.eventually('/api/v1/transactions', token, (reply) => reply.body?.total === 1);
    expect(transactions.body.items[0]).toMatchObject({ kind: 'payment', method: 'card', amount: 45_000, paymentId: card.paymentReceived!.paymentId, sale: { id: byCard.saleId, number: 2, status: 'completed' } });
    expect((await call('GET', '/api/v1/transactions?rrn=612345678901', token)).body.total).toBe(1);
    expect((await call('GET', '/api/v1/transactions?cardLast4=4242&kind=payment', token)).body.total).toBe(1);
    expect((await call('GET', '/api/v1/transactions?cardLast4=0000', token)).body.total).toBe(0);
    const transaction = await call('GET', `/api/v1/transactions/${transactions.body.items[0].id}`, token);
    expect(transaction.body).toEqual(transactions.body.items[0]);
  });

  it('answers a retried batch with the first outcomes and records nothing twice, even when the retry races the first push', async () => {
    const owner = await api.signUp();
    const till = await sellingTerminal(api, system.url, owner.accessToken);
    const events = Array.from({ length: 6 }, (_, index) => till.sales.sale(new Date(START + index * 60_000), { ending: 'completed', payments: ['card'] })).flat();
    const overpaid = saleOf(till.sales);
    events.push(overpaid.created([line(1, 'Молоко', 1, 9_900)], 99), overpaid.cash(20_000));

    // Two identical pushes at once, as a terminal whose first request timed out: each event is recorded once.
    const [first, second] = await Promise.all([till.terminal.pushSales(events), till.terminal.pushSales(events)]);
    for (const index of events.keys()) {
      expect([first.results[index]!.outcome, second.results[index]!.outcome].sort()).toEqual(index === events.length - 1 ? ['rejected', 'rejected'] : ['accepted', 'duplicate']);
    }
    const again = await till.terminal.pushSales(events);
    expect(outcomes(again.results)).toEqual([...events.slice(0, -1).map(() => 'duplicate'), 'rejected']);
    expect(again.results.at(-1)).toMatchObject({ code: first.results.at(-1)!.code, reason: first.results.at(-1)!.reason });
    expect(first.chainHead).toEqual(second.chainHead);
    expect(again.chainHead).toEqual(first.chainHead);

    const token = owner.accessToken;
    const list = await api.eventually('/api/v1/sales?limit=50', token, (reply) => reply.body?.total === 7);
    expect(list.body.items.filter((sale: { status: string }) => sale.status === 'completed')).toHaveLength(6);
    expect((await api.eventually('/api/v1/transactions', token, (reply) => reply.body?.total === 6)).body.total).toBe(6);
    for (const sale of list.body.items) expect((await call('GET', `/api/v1/sales/${sale.id}`, token)).body.integrity).toEqual({ status: 'confirmed', brokenEventId: null });
  });

  it("refuses what breaks the sale rules with a Russian reason, skips the sale's later events in the batch, and keeps the rest", async () => {
    const owner = await api.signUp();
    const till = await sellingTerminal(api, system.url, owner.accessToken);
    const counter = till.sales;
    const unpaid = saleOf(counter);
    const overpaid = saleOf(counter);
    const fine = saleOf(counter);
    const stranger = saleOf(counter);
    const refunded = saleOf(counter);
    const cardPayment = refunded.card(9_900);
    const events = [
      unpaid.created([line(1, 'Молоко', 1, 9_900)], 10),
      unpaid.completed(), // not paid, not shipped
      unpaid.cash(9_900), // skipped with it
      overpaid.created([line(1, 'Хлеб', 1, 6_500)], 11),
      overpaid.cash(7_000),
      fine.created([line(1, 'Кофе', 1, 54_900)], 12),
      fine.cash(54_900),
      stranger.cash(100), // a sale nobody created
      refunded.created([line(1, 'Молоко', 1, 9_900)], 13),
      cardPayment,
      refunded.refund(cardPayment.paymentReceived!.paymentId, 9_900),
      refunded.refund(cardPayment.paymentReceived!.paymentId, 1), // more than is left of it
      fine.cancelled(), // not from Создана
    ];
    const { results } = await till.terminal.pushSales(events);
    expect(outcomes(results)).toEqual(['accepted', 'rejected', 'rejected', 'accepted', 'rejected', 'accepted', 'accepted', 'rejected', 'accepted', 'accepted', 'accepted', 'rejected', 'rejected']);
    for (const refused of results.filter((result) => result.outcome === 'rejected')) {
      expect(refused).toMatchObject({ reason: expect.stringMatching(/[а-яё]/i), code: expect.stringMatching(/^[A-Z_]+$/), saleStatus: null });
    }
    expect(results[2]!.code).toBe('SALE_PRECEDING_REJECTED');

    // The skipped payment was not recorded: sent alone now, it is decided on its own (and accepted).
    expect(outcomes((await till.terminal.pushSales([events[2]!])).results)).toEqual(['accepted']);

    const token = owner.accessToken;
    await api.eventually('/api/v1/sales', token, (reply) => reply.body?.total === 4);
    const refundedSale = await api.eventually(`/api/v1/sales/${refunded.saleId}`, token, (reply) => reply.body?.payments?.[0]?.refunded === 9_900);
    expect(refundedSale.body).toMatchObject({ status: 'in-progress', paid: 0 });
    const refunds = await api.eventually('/api/v1/transactions?kind=refund', token, (reply) => reply.body?.total === 1);
    expect(refunds.body.items[0]).toMatchObject({ kind: 'refund', amount: 9_900, paymentId: cardPayment.paymentReceived!.paymentId, sale: { id: refunded.saleId } });
  });

  it('refuses a full card number at the door (400, never echoed), a method the role may not take there, and sales by a Guest', async () => {
    const owner = await api.signUp();
    const token = owner.accessToken;
    const till = await sellingTerminal(api, system.url, token);
    const sale = saleOf(till.sales);
    const pan = '2202201234567890';
    const refusal = await failure(till.terminal.pushSales([sale.created([line(1, 'Молоко', 1, 9_900)]), sale.cardMasked(9_900, pan)]));
    expect(refusal).toMatchObject({ status: 400, problem: { code: 'VALIDATION_FAILED', errors: [{ path: 'events.1.paymentReceived.card.cardMask', message: expect.stringContaining('Полный номер карты не принимается') }] } });
    expect(JSON.stringify(refusal!.problem)).not.toContain(pan);

    // The sales point's grid: the Cashier takes cash only there now.
    const point = (await call('GET', `/api/v1/sales-points/${till.salesPointId}`, token)).body;
    const grid = { ...point.paymentMethods, cashier: ['cash'] };
    expect((await call('PUT', `/api/v1/sales-points/${till.salesPointId}/payment-methods`, token, { paymentMethods: grid, expectedVersion: point.version })).status).toBe(200);
    const payByCard = async () => {
      const attempt = saleOf(till.sales);
      return (await till.terminal.pushSales([attempt.created([line(1, 'Молоко', 1, 9_900)]), attempt.card(9_900)])).results;
    };
    // Devices hears of the new grid a moment later.
    let results = await payByCard();
    const deadline = Date.now() + 10_000;
    while (results[1]!.outcome === 'accepted' && Date.now() < deadline) results = await payByCard();
    expect(results[1]).toMatchObject({ outcome: 'rejected', code: expect.any(String), reason: expect.stringContaining('Банковская карта') });

    const guest = await sellingTerminal(api, system.url, token, { role: 'guest', salesPointId: till.salesPointId, number: 2, lastName: 'Гостева' });
    const guestSale = saleOf(guest.sales);
    const { results: guestResults } = await guest.terminal.pushSales([guestSale.created([line(1, 'Молоко', 1, 9_900)])]);
    expect(guestResults[0]).toMatchObject({ outcome: 'rejected', reason: expect.stringContaining('Гость') });
  });

  it('speaks protobuf with the same answers as JSON', async () => {
    const owner = await api.signUp();
    const token = owner.accessToken;
    // A new sales point's grid has cash and card: the Cashier takes СБП at this one.
    const legalEntityId = (await api.add(token, '/api/v1/legal-entities', ROMASHKA)).id;
    const salesPointId = (await api.add(token, '/api/v1/sales-points', { name: 'Магазин у дома', legalEntityId, address: 'г. Москва, ул. Тверская, д. 1' })).id as string;
    const point = (await call('GET', `/api/v1/sales-points/${salesPointId}`, token)).body;
    const grid = { ...point.paymentMethods, cashier: ['cash', 'card', 'sbp'] };
    expect((await call('PUT', `/api/v1/sales-points/${salesPointId}/payment-methods`, token, { paymentMethods: grid, expectedVersion: point.version })).status).toBe(200);
    const till = await sellingTerminal(api, system.url, token, { format: 'protobuf', salesPointId });
    const events = till.sales.sale(new Date(START), { ending: 'completed', payments: ['sbp'] });
    const { results, chainHead } = await till.terminal.pushSales(events);
    expect(outcomes(results)).toEqual(events.map(() => 'accepted'));
    expect(chainHead?.seq).toBe(events.at(-1)!.seq);
    expect(outcomes((await till.terminal.pushSales(events)).results)).toEqual(events.map(() => 'duplicate'));
    const transactions = await api.eventually('/api/v1/transactions?method=sbp', token, (reply) => reply.body?.total === 1);
    expect(transactions.body.items[0].sbp).toMatchObject({ operationId: events.find((event) => event.paymentReceived)!.paymentReceived!.sbp!.operationId });
  });

  it('shows the Cashier only their own sales, the Guest no journal, and another organisation nothing, whose terminals cannot touch these sales', async () => {
    const owner = await api.signUp();
    const token = owner.accessToken;
    const anna = await sellingTerminal(api, system.url, token);
    const boris = await sellingTerminal(api, system.url, token, { salesPointId: anna.salesPointId, number: 2, lastName: 'Борисова' });
    const annaSales = [anna.sales.sale(new Date(START), { ending: 'completed', payments: ['card'] }), anna.sales.sale(new Date(START), { ending: 'created', payments: [] })];
    const borisSale = boris.sales.sale(new Date(START), { ending: 'completed', payments: ['card'] });
    await anna.terminal.pushSales(annaSales.flat());
    await boris.terminal.pushSales(borisSale);
    await api.eventually('/api/v1/sales', token, (reply) => reply.body?.total === 3);

    const annaToken = await api.setPasswordAndLogIn(anna.employee.phone);
    const own = await call('GET', '/api/v1/sales', annaToken);
    expect(own.body.items.map((sale: { id: string }) => sale.id).sort()).toEqual(annaSales.map((events) => events[0]!.saleId).sort());
    expect((await call('GET', `/api/v1/sales/${borisSale[0]!.saleId}`, annaToken)).status).toBe(404);
    expect((await call('GET', `/api/v1/sales/${annaSales[0]![0]!.saleId}`, annaToken)).status).toBe(200);
    expect((await call('GET', '/api/v1/transactions', annaToken)).body.total).toBe(1);

    const guestContact = uniqueContact();
    await api.add(token, '/api/v1/employees', { lastName: 'Гостев', firstName: 'Глеб', patronymic: null, ...guestContact, role: 'guest' });
    const guestToken = await api.setPasswordAndLogIn(guestContact.phone);
    expect((await call('GET', '/api/v1/sales', guestToken)).status).toBe(403);

    const stranger = await api.signUp('ООО «Василёк»');
    expect((await call('GET', `/api/v1/sales/${borisSale[0]!.saleId}`, stranger.accessToken)).status).toBe(404);
    expect((await call('GET', '/api/v1/sales', stranger.accessToken)).body.total).toBe(0);

    // Its terminal cannot create a sale under this organisation's sale id, nor pay or cancel one.
    const intruder = await sellingTerminal(api, system.url, stranger.accessToken);
    const taken = saleEvents(intruder.sales, START, borisSale[0]!.saleId);
    const { results } = await intruder.terminal.pushSales([taken.event(created(1, [line(1, 'Молоко', 1, 9_900)]))]);
    expect(results[0]).toMatchObject({ outcome: 'rejected', code: 'SALE_ID_TAKEN' });
    const foreign = saleEvents(intruder.sales, START, annaSales[1]![0]!.saleId);
    expect((await intruder.terminal.pushSales([foreign.event(cancelled('Захват'))])).results[0]).toMatchObject({ outcome: 'rejected', code: 'SALE_NOT_FOUND' });
    expect((await call('GET', `/api/v1/sales/${annaSales[1]![0]!.saleId}`, token)).body).toMatchObject({ status: 'created', employee: { id: anna.employee.id } });
    expect((await call('GET', '/api/v1/sales', stranger.accessToken)).body.total).toBe(0);
  });

  it('exports the filtered journal to CSV and Excel, a cell that would run as a formula neutralised', async () => {
    const owner = await api.signUp();
    const token = owner.accessToken;
    const legalEntityId = (await api.add(token, '/api/v1/legal-entities', ROMASHKA)).id;
    const hostileName = '=HYPERLINK("http://evil.example","x")';
    const salesPointId = (await api.add(token, '/api/v1/sales-points', { name: hostileName, legalEntityId, address: 'г. Москва, ул. Тверская, д. 1' })).id;
    const till = await sellingTerminal(api, system.url, token, { salesPointId });
    const open = saleOf(till.sales);
    const opened = open.created([line(1, 'Молоко', 1, 9_900)], 7);
    await till.terminal.pushSales([opened, open.cash(9_900)]);
    const byCard = till.sales.sale(new Date(START), { ending: 'completed', payments: ['card'] });
    await till.terminal.pushSales(byCard);
    await api.eventually('/api/v1/sales', token, (reply) => reply.body?.total === 2);

    const csv = await call('GET', '/api/v1/sales/export?format=csv&status=in-progress', token);
    expect(csv.status).toBe(200);
    const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines).toEqual([
      'Дата и время;Номер;Статус;Сумма;Оплачено;Способы оплаты;Торговая точка;Рабочее место;Сотрудник',
      `${opened.occurredAt.slice(0, 19).replace('T', ' ')};7;В процессе;99,00;99,00;Наличные;"'=HYPERLINK(""http://evil.example"",""x"")";Касса №1 (№ 1);${till.employee.name}`,
    ]);

    const xlsx = await fetch(`${system.url}/api/v1/transactions/export?format=xlsx`, { headers: { authorization: `Bearer ${token}` } });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-disposition')).toContain('transactions-');
    const { Workbook } = await import('exceljs');
    const workbook = new Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const sheet = workbook.getWorksheet('Транзакции')!;
    expect(sheet.rowCount).toBe(2);
    const payment = byCard.find((event) => event.paymentReceived)!.paymentReceived!;
    const row = sheet.getRow(2);
    expect([row.getCell(2).value, row.getCell(3).value, row.getCell(5).value, row.getCell(8).value, row.getCell(14).value]).toEqual(['Оплата', payment.amount / 100, payment.card!.cardMask, payment.card!.rrn, hostileName]);
  });

  it('exports a journal longer than an export page whole and newest first, and says the list holds more than it counts', async () => {
    const owner = await api.signUp();
    const token = owner.accessToken;
    const till = await sellingTerminal(api, system.url, token);
    // One more sale than the sales journal hands the gateway in one export page, a second apart.
    const sales = Array.from({ length: JOURNAL_EXPORT_PAGE_SIZE + 1 }, (_, index) => till.sales.sale(new Date(START + index * 1000), { ending: 'created', payments: [] })).flat();
    for (let first = 0; first < sales.length; first += MAX_PUSHED_SALE_EVENTS) await till.terminal.pushSales(sales.slice(first, first + MAX_PUSHED_SALE_EVENTS));
    const newest = sales.at(-1)!.saleCreated!.number;
    await api.eventually(`/api/v1/sales?number=${newest}`, token, (reply) => reply.body?.total === 1);

    const list = await call('GET', '/api/v1/sales', token);
    expect([list.body.total, list.body.totalCapped]).toEqual([JOURNAL_COUNT_LIMIT, true]);
    const csv = await call('GET', '/api/v1/sales/export?format=csv', token);
    const rows = csv.text.replace(/^\uFEFF/, '').split('\r\n').slice(1).map((line) => line.split(';'));
    const newestFirst = [...sales].reverse();
    expect(rows.map((cells) => [cells[0], Number(cells[1])])).toEqual(newestFirst.map((event) => [event.occurredAt.slice(0, 19).replace('T', ' '), event.saleCreated!.number]));
  });
});
