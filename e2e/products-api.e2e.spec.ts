/**
 * Каталог → Все товары over HTTP, in both run modes: a product with every field of the card, found by a name
 * fragment, a barcode, an article and a category above its own; a Manager editing the price and the history naming
 * them; the cards the till could not sell refused with Russian field errors; taken barcodes and articles; deleting
 * a product and a unit in use; a Cashier reading only; another organisation seeing nothing; malformed JSON.
 */
import { uniqueContact, type RunMode } from './system.harness';
import { useRunningSystem, type Unit } from './api.harness';

jest.setTimeout(120_000);

const PRODUCTS = '/api/v1/catalog/products';
const CATEGORIES = '/api/v1/catalog/categories';
/** Valid GTINs: the last digit is the check digit. */
const EAN_13 = '4006381333931';
const EAN_8 = '96385074';

describe.each<RunMode>(['embedded', 'distributed'])('products API (%s mode)', (mode) => {
  const { api } = useRunningSystem(mode);

  /** A new organisation's Owner and its units once the FFD 1.2 preset is in, by short name. */
  async function organisation(): Promise<{ owner: string; unit: Record<string, Unit> }> {
    const owner = (await api.signUp()).accessToken;
    const units = await api.presetUnits(owner);
    return { owner, unit: Object.fromEntries(units.map((unit) => [unit.shortName, unit])) };
  }

  const names = async (token: string, query = '') => (await api.call('GET', `${PRODUCTS}?${query}`, token)).body.items.map((item: { name: string }) => item.name);

  /** The smallest card the catalog takes. */
  const plain = (unit: Unit, name: string) => ({ name, price: 10_000, unitId: unit.id, vat: 'vat22' });

  it('adds a product with every field and finds it by a name fragment, a barcode, an article and a category above its own', async () => {
    const { owner, unit } = await organisation();
    const drinks = await api.add(owner, CATEGORIES, { name: 'Напитки' });
    const coffee = await api.add(owner, CATEGORIES, { name: 'Кофе', parentId: drinks.id });
    const beans = await api.add(owner, CATEGORIES, { name: 'Кофе в зёрнах', parentId: coffee.id });
    const bakery = await api.add(owner, CATEGORIES, { name: 'Выпечка' });

    const card = {
      name: 'Арабика Эфиопия 1 кг',
      description: 'Обжарка средняя',
      price: 149_990,
      unitId: unit['кг']!.id,
      vat: 'vat22',
      categoryId: beans.id,
      paymentSubject: 33,
      countryCode: '643',
      barcodes: [EAN_13, EAN_8],
      article: 'ARB-1000',
      marked: true,
    };
    const arabica = await api.add(owner, PRODUCTS, card);
    expect(arabica).toEqual({ id: expect.any(String), version: 1, ...card, createdAt: expect.any(String), updatedAt: expect.any(String) });
    expect((await api.call('GET', `${PRODUCTS}/${arabica.id}`, owner)).body).toEqual(arabica);
    await api.add(owner, PRODUCTS, { ...plain(unit['шт']!, 'Круассан'), price: 9_000, categoryId: bakery.id });
    await api.add(owner, PRODUCTS, { ...plain(unit['шт']!, 'Эспрессо'), categoryId: coffee.id });

    expect(await names(owner, 'search=эфиоп')).toEqual(['Арабика Эфиопия 1 кг']);
    expect(await names(owner, `search=${EAN_8}`)).toEqual(['Арабика Эфиопия 1 кг']);
    expect(await names(owner, 'search=ARB-1000')).toEqual(['Арабика Эфиопия 1 кг']);
    expect(await names(owner, `categoryId=${drinks.id}`)).toEqual(['Арабика Эфиопия 1 кг', 'Эспрессо']);
    expect(await names(owner, `categoryId=${beans.id}`)).toEqual(['Арабика Эфиопия 1 кг']);
    expect(await names(owner, 'sort=price')).toEqual(['Круассан', 'Эспрессо', 'Арабика Эфиопия 1 кг']);
  });

  it('refuses a card the till could not sell with 400 and Russian messages under the field, storing nothing', async () => {
    const { owner, unit } = await organisation();
    const card = plain(unit['шт']!, 'Молоко 3,2%');
    const refusal = async (change: object) => {
      const reply = await api.call('POST', PRODUCTS, owner, { ...card, ...change });
      return [reply.status, reply.body.errors];
    };

    expect(await refusal({ barcodes: ['4006381333932'] })).toEqual([400, [{ path: 'barcodes.0', message: 'Неверный штрихкод 4006381333932: не сходится контрольная цифра' }]]);
    expect(await refusal({ vat: 'vat20' })).toEqual([400, [{ path: 'vat', message: 'Ставка НДС 20% не применяется с 1 января 2026 года: выберите 22%' }]]);
    expect(await refusal({ name: 'Молоко "Домик в деревне"' })).toEqual([400, [{ path: 'name', message: expect.stringContaining('Наименование не может содержать кавычки') }]]);
    expect(await refusal({ name: 'М'.repeat(129) })).toEqual([400, [{ path: 'name', message: expect.stringMatching(/128/) }]]);
    expect(await refusal({ unitId: '00000000-0000-4000-8000-000000000000' })).toEqual([409, [{ path: 'unitId', message: 'Единица измерения не найдена: выберите другую' }]]);

    expect((await api.call('GET', PRODUCTS, owner)).body).toEqual({ items: [], total: 0, nextCursor: null });
    expect(await api.add(owner, PRODUCTS, { ...card, name: 'М'.repeat(128) })).toMatchObject({ name: 'М'.repeat(128) });
  });

  it('refuses a barcode or an article another product has with 409 naming that product, and frees them when it is deleted', async () => {
    const { owner, unit } = await organisation();
    const kefir = await api.add(owner, PRODUCTS, { ...plain(unit['л']!, 'Кефир 1%'), barcodes: [EAN_13], article: 'KEF-1' });

    const sameBarcode = await api.call('POST', PRODUCTS, owner, { ...plain(unit['л']!, 'Ряженка'), barcodes: [EAN_8, EAN_13] });
    expect([sameBarcode.status, sameBarcode.body.errors]).toEqual([409, [{ path: 'barcodes', message: `Штрихкод ${EAN_13} уже есть у товара «Кефир 1%»` }]]);
    const sameArticle = await api.call('POST', PRODUCTS, owner, { ...plain(unit['л']!, 'Ряженка'), article: 'Kef-1' });
    expect([sameArticle.status, sameArticle.body.errors]).toEqual([409, [{ path: 'article', message: 'Артикул Kef-1 уже есть у товара «Кефир 1%»' }]]);
    expect(await names(owner)).toEqual(['Кефир 1%']);

    const path = `${PRODUCTS}/${kefir.id}`;
    expect((await api.call('DELETE', path, owner, undefined, { 'if-match': '2' })).status).toBe(409);
    expect((await api.call('DELETE', path, owner, undefined, { 'if-match': '1' })).status).toBe(204);
    expect((await api.call('GET', path, owner)).status).toBe(404);
    expect((await api.call('GET', `${path}/history`, owner)).body.items.map((entry: { action: string }) => entry.action)).toEqual(['created', 'deleted']);
    expect(await api.add(owner, PRODUCTS, { ...plain(unit['л']!, 'Ряженка'), barcodes: [EAN_13], article: 'KEF-1' })).toMatchObject({ barcodes: [EAN_13], article: 'KEF-1' });
    expect(await names(owner)).toEqual(['Ряженка']);
  });

  it('refuses to delete a unit a product is measured in, naming the product', async () => {
    const { owner } = await organisation();
    const pack = await api.add(owner, '/api/v1/catalog/units', { name: 'упаковка', shortName: 'уп', ffdCode: 255 });
    const tea = await api.add(owner, PRODUCTS, plain(pack, 'Чай чёрный'));

    const refused = await api.call('DELETE', `/api/v1/catalog/units/${pack.id}`, owner);
    expect([refused.status, refused.body.detail]).toEqual([409, expect.stringContaining('Единица измерения используется в товарах: «Чай чёрный»')]);
    expect((await api.call('GET', `/api/v1/catalog/units/${pack.id}`, owner)).status).toBe(200);

    expect((await api.call('DELETE', `${PRODUCTS}/${tea.id}`, owner)).status).toBe(204);
    expect((await api.call('DELETE', `/api/v1/catalog/units/${pack.id}`, owner)).status).toBe(204);
  });

  it('lets a Manager edit the price, which the history shows under their name, and a Cashier read but change nothing (403)', async () => {
    const { owner, unit } = await organisation();
    const token = {} as Record<'manager' | 'cashier', string>;
    for (const [role, firstName] of [
      ['manager', 'Ольга'],
      ['cashier', 'Пётр'],
    ] as const) {
      const { phone } = uniqueContact();
      await api.add(owner, '/api/v1/employees', { lastName: 'Смирнов', firstName, phone, role });
      token[role] = await api.setPasswordAndLogIn(phone);
    }
    const card = { ...plain(unit['шт']!, 'Латте 400 мл'), price: 22_000 };
    const latte = await api.add(owner, PRODUCTS, card);
    const path = `${PRODUCTS}/${latte.id}`;

    const edited = await api.call('PUT', path, token.manager, { ...card, price: 24_500, expectedVersion: 1 });
    expect([edited.status, edited.body]).toEqual([200, expect.objectContaining({ version: 2, price: 24_500 })]);
    const stale = await api.call('PUT', path, token.manager, { ...card, price: 23_000, expectedVersion: 1 });
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);

    const history = await api.call('GET', `${path}/history`, token.cashier);
    expect(history.body.items.map((entry: { action: string }) => entry.action)).toEqual(['created', 'updated']);
    expect(history.body.items[1]).toMatchObject({ actor: { fullName: 'Смирнов Ольга' }, changes: [{ field: 'price', from: 22_000, to: 24_500 }] });

    expect((await api.call('GET', path, token.cashier)).body).toMatchObject({ price: 24_500 });
    for (const [method, url, body] of [
      ['POST', PRODUCTS, plain(unit['шт']!, 'Капучино')],
      ['PUT', path, { ...card, price: 1, expectedVersion: 2 }],
      ['DELETE', path, undefined],
    ] as const) {
      const reply = await api.call(method, url, token.cashier, body);
      expect([method, reply.status, reply.body.detail]).toEqual([method, 403, 'Недостаточно прав']);
    }
    expect(await names(owner)).toEqual(['Латте 400 мл']);
    expect((await api.call('DELETE', path, token.manager, undefined, { 'if-match': '2' })).status).toBe(204);
  });

  it("shows another organisation none of this organisation's products: 404 on every id, its own list only", async () => {
    const { owner, unit } = await organisation();
    const { owner: stranger, unit: strangersUnit } = await organisation();
    const card = { ...plain(unit['шт']!, 'Сырники'), barcodes: [EAN_8], article: 'SYR-1' };
    const syrniki = await api.add(owner, PRODUCTS, card);
    const path = `${PRODUCTS}/${syrniki.id}`;

    for (const [method, url, body] of [
      ['GET', path, undefined],
      ['PUT', path, { ...card, unitId: strangersUnit['шт']!.id, price: 1, expectedVersion: 1 }],
      ['DELETE', path, undefined],
      ['GET', `${path}/history`, undefined],
    ] as const) {
      const reply = await api.call(method, url, stranger, body);
      expect([method, url, reply.status, reply.body.code]).toEqual([method, url, 404, 'NOT_FOUND']);
    }
    expect((await api.call('GET', `${PRODUCTS}?search=${EAN_8}`, stranger)).body).toEqual({ items: [], total: 0, nextCursor: null });
    // Barcodes and articles are unique within an organisation only.
    expect(await api.add(stranger, PRODUCTS, { ...card, unitId: strangersUnit['шт']!.id })).toMatchObject({ barcodes: [EAN_8], article: 'SYR-1' });
    const borrowedUnit = await api.call('POST', PRODUCTS, stranger, plain(unit['шт']!, 'Чужая единица'));
    expect([borrowedUnit.status, borrowedUnit.body.errors?.[0]?.path]).toEqual([409, 'unitId']);

    expect((await api.call('GET', path, owner)).body).toMatchObject({ name: 'Сырники', price: 10_000, version: 1 });
  });

  it('refuses malformed JSON and unknown fields with 400 and Russian messages', async () => {
    const { owner, unit } = await organisation();
    const malformed = await api.call('POST', PRODUCTS, owner, '{"name": "Хлеб",', { 'content-type': 'application/json' });
    expect([malformed.status, malformed.body.detail]).toEqual([400, expect.stringMatching(/[А-Яа-яЁё]/)]);
    const unknownField = await api.call('POST', PRODUCTS, owner, { ...plain(unit['шт']!, 'Хлеб'), colour: 'red' });
    expect([unknownField.status, unknownField.body.errors]).toEqual([400, [{ path: 'colour', message: 'Неизвестное поле «colour»' }]]);
    const badFilter = await api.call('GET', `${PRODUCTS}?categoryId=Напитки`, owner);
    expect([badFilter.status, badFilter.body.errors]).toEqual([400, [{ path: 'categoryId', message: 'Выберите категорию из списка' }]]);
    expect((await api.call('GET', PRODUCTS, owner)).body.total).toBe(0);
  });
});
