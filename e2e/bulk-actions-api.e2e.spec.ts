/**
 * Bulk work over HTTP, in both run modes: one request acts on many products (each with the version the user saw),
 * answering what it changed and what it refused and why; more than 1000 ids, an unknown action or a bad percentage are
 * a 400 with Russian messages per field; a retry with the same Idempotency-Key gets the first answer and changes
 * nothing more.
 */
import { randomUUID } from 'node:crypto';
import { uniqueContact, type RunMode } from './system.harness';
import { useRunningSystem, type Unit } from './api.harness';

jest.setTimeout(120_000);

const PRODUCTS = '/api/v1/catalog/products';
const BULK = `${PRODUCTS}/bulk`;

describe.each<RunMode>(['embedded', 'distributed'])('bulk actions API (%s mode)', (mode) => {
  const { api } = useRunningSystem(mode);

  async function organisation(): Promise<{ owner: string; piece: Unit }> {
    const owner = (await api.signUp()).accessToken;
    const units = await api.presetUnits(owner);
    return { owner, piece: units.find((unit) => unit.shortName === 'шт')! };
  }
  const product = (piece: Unit, name: string, price: number) => ({ name, price, unitId: piece.id, vat: 'vat22' });
  const selected = (...products: Array<{ id: string; version: number }>) => products.map(({ id, version }) => ({ id, version }));

  it('raises prices by a percentage rounded to the kopeck, refusing one that would pass the limit, and answers a retry the same', async () => {
    const { owner, piece } = await organisation();
    const bun = await api.add(owner, PRODUCTS, product(piece, 'Булочка', 9_999));
    const gold = await api.add(owner, PRODUCTS, product(piece, 'Слиток', 99_999_999_000));
    const body = { action: { type: 'change-price', price: { by: 'percent', direction: 'up', percent: 12.5 } }, products: selected(bun, gold) };
    const key = { 'idempotency-key': randomUUID() };

    const first = await api.call('POST', BULK, owner, body, key);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      applied: [{ id: bun.id, name: 'Булочка' }],
      refused: [{ id: gold.id, name: 'Слиток', reason: 'Цена 999 999 990,00 ₽ стала бы больше 999 999 999,99 ₽' }],
    });
    expect((await api.call('GET', `${PRODUCTS}/${bun.id}`, owner)).body.price).toBe(11_249);

    const retried = await api.call('POST', BULK, owner, body, key);
    expect(retried.body).toEqual(first.body);
    expect((await api.call('GET', `${PRODUCTS}/${bun.id}`, owner)).body).toMatchObject({ price: 11_249, version: 2 });
  });

  it('refuses more than 1000 products, an unknown action and a bad percentage with Russian messages per field, changing nothing', async () => {
    const { owner, piece } = await organisation();
    const bun = await api.add(owner, PRODUCTS, product(piece, 'Булочка', 5_000));
    const tooMany = Array.from({ length: 1001 }, () => ({ id: randomUUID(), version: 1 }));

    const many = await api.call('POST', BULK, owner, { action: { type: 'delete' }, products: tooMany });
    expect(many.status).toBe(400);
    expect(many.body.errors).toEqual([{ path: 'products', message: 'За один раз — не больше 1000 товаров' }]);

    const none = await api.call('POST', BULK, owner, { action: { type: 'delete' }, products: [] });
    expect(none.body.errors).toEqual([{ path: 'products', message: 'Выберите хотя бы один товар' }]);

    const unknown = await api.call('POST', BULK, owner, { action: { type: 'rename' }, products: selected(bun) });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].message).toMatch(/^Действие: /);

    const percent = await api.call('POST', BULK, owner, { action: { type: 'change-price', price: { by: 'percent', direction: 'down', percent: 0.001 } }, products: selected(bun) });
    expect(percent.status).toBe(400);
    expect(percent.body.errors).toEqual([{ path: 'action.price.percent', message: 'Процент — число больше 0, не больше двух знаков после запятой' }]);

    expect((await api.call('GET', `${PRODUCTS}/${bun.id}`, owner)).body).toEqual(bun);
  });

  it('refuses the whole action for a category of another organisation (409), changing nothing', async () => {
    const { owner, piece } = await organisation();
    const bun = await api.add(owner, PRODUCTS, product(piece, 'Булочка', 5_000));
    const stranger = (await api.signUp('ООО «Чужая»')).accessToken;
    const foreign = await api.add(stranger, '/api/v1/catalog/categories', { name: 'Чужая' });

    const moved = await api.call('POST', BULK, owner, { action: { type: 'move-to-category', categoryId: foreign.id }, products: selected(bun) });
    expect(moved.status).toBe(409);
    expect(moved.body.errors).toEqual([{ path: 'action.categoryId', message: 'Категория не найдена: выберите другую' }]);
    expect((await api.call('GET', `${PRODUCTS}/${bun.id}`, owner)).body).toEqual(bun);
  });

  it('deletes a unit in use with a replacement for all its products, refusing a replacement that is not a unit of the organisation', async () => {
    const { owner, piece } = await organisation();
    const bun = await api.add(owner, PRODUCTS, product(piece, 'Булочка', 5_000));
    const glass = await api.add(owner, '/api/v1/catalog/units', { name: 'стакан', shortName: 'ст', ffdCode: 255 });
    const stranger = (await api.signUp('ООО «Чужая»')).accessToken;
    const foreign = await api.add(stranger, '/api/v1/catalog/units', { name: 'ящик', shortName: 'ящ', ffdCode: 255 });

    const inUse = await api.call('DELETE', `/api/v1/catalog/units/${piece.id}`, owner);
    expect(inUse.status).toBe(409);
    expect(inUse.body.detail).toBe('Единица измерения используется в товарах: «Булочка». Сначала укажите в них другую единицу измерения');
    const notUuid = await api.call('DELETE', `/api/v1/catalog/units/${piece.id}?replaceWith=стакан`, owner);
    expect(notUuid.status).toBe(400);
    expect(notUuid.body.errors).toEqual([{ path: 'replaceWith', message: 'Выберите единицу измерения из списка' }]);
    const foreignUnit = await api.call('DELETE', `/api/v1/catalog/units/${piece.id}?replaceWith=${foreign.id}`, owner);
    expect(foreignUnit.status).toBe(409);
    expect(foreignUnit.body.errors).toEqual([{ path: 'replaceWith', message: 'Единица измерения для замены не найдена: выберите другую' }]);
    expect((await api.call('GET', `${PRODUCTS}/${bun.id}`, owner)).body).toEqual(bun);

    expect((await api.call('DELETE', `/api/v1/catalog/units/${piece.id}?replaceWith=${glass.id}`, owner)).status).toBe(204);
    expect((await api.call('GET', `${PRODUCTS}/${bun.id}`, owner)).body).toMatchObject({ unitId: glass.id, version: 2 });
    expect((await api.call('GET', `/api/v1/catalog/units/${piece.id}`, owner)).status).toBe(404);
    expect((await api.call('GET', `${PRODUCTS}?unitId=${glass.id}`, owner)).body.total).toBe(1);
  });

  it('undoes an import once: the product it created is deleted, the one it changed restored; a retry answers the same', async () => {
    const { owner, piece } = await organisation();
    const bun = await api.add(owner, PRODUCTS, product(piece, 'Булочка', 5_000));
    const csv = `Наименование;Цена;Единица измерения;НДС\nБулочка;60,00;шт;22%\nПирожок;80,00;шт;22%\n`;
    const report = (await api.call('POST', '/api/v1/catalog/products/import?apply=true', owner, csv, { 'content-type': 'text/csv' })).body;
    expect(report).toMatchObject({ importId: expect.any(String), created: 1, updated: 1 });
    const undo = `/api/v1/catalog/products/import/${report.importId}/undo`;

    const key = { 'idempotency-key': randomUUID() };
    const undone = await api.call('POST', undo, owner, undefined, key);
    expect(undone.status).toBe(200);
    expect(undone.body).toEqual({ applied: [{ id: bun.id, name: 'Булочка' }, { id: expect.any(String), name: 'Пирожок' }], refused: [] });
    expect((await api.call('GET', `${PRODUCTS}/${bun.id}`, owner)).body).toMatchObject({ price: 5_000, version: 3 });
    expect((await api.call('GET', PRODUCTS, owner)).body.total).toBe(1);
    expect((await api.call('POST', undo, owner, undefined, key)).body).toEqual(undone.body);
    expect((await api.call('POST', undo, owner)).body).toEqual(undone.body);

    const stranger = (await api.signUp('ООО «Чужая»')).accessToken;
    const foreign = await api.call('POST', undo, stranger);
    expect([foreign.status, foreign.body.detail]).toEqual([404, 'Загрузка не найдена или ничего не изменила']);
  });
});

describe.each<RunMode>(['embedded', 'distributed'])('bulk PIN-codes API (%s mode)', (mode) => {
  const { api } = useRunningSystem(mode);
  const PIN_SMS = /PIN-код для входа в приложение на кассе: \d{4}/;
  const employee = (role: string) => ({ lastName: 'Петрова', firstName: 'Анна', patronymic: null, ...uniqueContact(), role });

  it('sends a new PIN-code to each employee an Administrator may manage, refusing the Owner, and refuses more than 1000 ids', async () => {
    const owner = await api.signUp();
    const admin = employee('admin');
    const cashier = employee('cashier');
    expect((await api.call('POST', '/api/v1/employees', owner.accessToken, admin)).status).toBe(201);
    const cashierId = (await api.add(owner.accessToken, '/api/v1/employees', cashier)).id;
    const adminToken = await api.setPasswordAndLogIn(admin.phone);
    const pinsBefore = (await api.smsTo(cashier.phone)).filter((text) => PIN_SMS.test(text)).length;

    const sent = await api.call('POST', '/api/v1/employees/pin', adminToken, { employeeIds: [cashierId, owner.accountId] });
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({
      applied: [{ id: cashierId, name: 'Петрова Анна' }],
      refused: [{ id: owner.accountId, name: 'Иванов Иван Иванович', reason: 'Изменять данные владельца может только сам владелец' }],
    });
    await api.waitForSms(cashier.phone, PIN_SMS, pinsBefore);

    const tooMany = await api.call('POST', '/api/v1/employees/pin', adminToken, { employeeIds: Array.from({ length: 1001 }, () => randomUUID()) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([{ path: 'employeeIds', message: 'За один раз — не больше 1000' }]);
    const none = await api.call('POST', '/api/v1/employees/pin', adminToken, { employeeIds: [] });
    expect(none.body.errors).toEqual([{ path: 'employeeIds', message: 'Выберите хотя бы одного сотрудника' }]);
  });
});
