/**
 * What every cabinet list answers over HTTP, in both run modes: `sort` by each of its fields both ways (an unknown
 * one is a Russian 400 under `sort`), «Всего» counted for the first page and carried by the cursor to the next,
 * the units' own order with the most common FFD measures first, and «Без категории» in Все товары.
 */
import { uniqueContact, type RunMode } from './system.harness';
import { ROMASHKA, useRunningSystem } from './api.harness';

jest.setTimeout(120_000);

const PRODUCTS = '/api/v1/catalog/products';

describe.each<RunMode>(['embedded', 'distributed'])('lists API (%s mode)', (mode) => {
  const { api } = useRunningSystem(mode);

  /** The values of `field` in the list's first page, as the list orders them. */
  async function column(token: string, path: string, field: string): Promise<unknown[]> {
    const reply = await api.call('GET', path, token);
    expect(reply.status).toBe(200);
    return (reply.body.items as Array<Record<string, unknown>>).map((item) => item[field]);
  }

  it('sorts every list by each of its fields both ways, and refuses any other sort under `sort` in Russian', async () => {
    const owner = (await api.signUp()).accessToken;
    const [unit] = await api.presetUnits(owner);
    const romashka = await api.add(owner, '/api/v1/legal-entities', ROMASHKA);
    await api.add(owner, '/api/v1/legal-entities', { ...ROMASHKA, type: 'ip', name: 'Алексеев Алексей', inn: '500100732259', kpp: null, ogrn: '304500116000157' });
    await api.add(owner, '/api/v1/sales-points', { name: 'Киоск', legalEntityId: romashka.id, address: 'г. Москва, ул. Арбат, д. 2' });
    await api.add(owner, '/api/v1/sales-points', { name: 'Буфет', legalEntityId: romashka.id, address: 'г. Москва, ул. Тверская, д. 1' });
    const cashierPhone = uniqueContact().phone;
    await api.add(owner, '/api/v1/employees', { lastName: 'Яковлева', firstName: 'Анна', phone: cashierPhone, role: 'cashier' });
    for (const [name, price] of [['Эспрессо', 15_000], ['Круассан', 9_000], ['Арабика', 150_000]] as const) {
      await api.add(owner, PRODUCTS, { name, price, unitId: unit!.id, vat: 'vat22' });
    }

    expect(await column(owner, `${PRODUCTS}?sort=price`, 'name')).toEqual(['Круассан', 'Эспрессо', 'Арабика']);
    expect(await column(owner, `${PRODUCTS}?sort=-price`, 'name')).toEqual(['Арабика', 'Эспрессо', 'Круассан']);
    expect(await column(owner, `${PRODUCTS}?sort=-name`, 'name')).toEqual(['Эспрессо', 'Круассан', 'Арабика']);
    expect(await column(owner, '/api/v1/legal-entities?sort=name', 'name')).toEqual(['Алексеев Алексей', 'ООО «Ромашка»']);
    expect(await column(owner, '/api/v1/legal-entities?sort=-inn', 'inn')).toEqual(['7707083893', '500100732259']);
    expect(await column(owner, '/api/v1/sales-points?sort=-name', 'name')).toEqual(['Киоск', 'Буфет']);
    expect(await column(owner, '/api/v1/sales-points?sort=-address', 'name')).toEqual(['Буфет', 'Киоск']);
    const employees = await column(owner, '/api/v1/employees?sort=-fullName', 'phone');
    expect(employees[0]).toBe(cashierPhone);
    expect(await column(owner, '/api/v1/employees?sort=fullName', 'phone')).toEqual([...employees].reverse());
    const codes = await column(owner, '/api/v1/catalog/units?sort=-ffdCode&limit=3', 'ffdCode');
    expect(codes).toEqual([255, 83, 82]);

    for (const [path, allowed] of [
      [PRODUCTS, 'name, -name, price, -price'],
      ['/api/v1/catalog/units', 'name, -name, shortName, -shortName, ffdCode, -ffdCode'],
      ['/api/v1/legal-entities', 'name, -name, inn, -inn'],
      ['/api/v1/sales-points', 'name, -name, address, -address'],
      ['/api/v1/employees', 'fullName, -fullName, phone, -phone'],
    ] as const) {
      const refused = await api.call('GET', `${path}?sort=organisationId`, owner);
      expect([refused.status, refused.body.code, refused.body.errors]).toEqual([400, 'VALIDATION_FAILED', [{ path: 'sort', message: `Неизвестная сортировка: можно ${allowed}` }]]);
    }
  });

  it('counts «Всего» for the first page and carries it to the next pages, each with its filter', async () => {
    const owner = (await api.signUp()).accessToken;
    const [unit] = await api.presetUnits(owner);
    const drinks = await api.add(owner, '/api/v1/catalog/categories', { name: 'Напитки' });
    for (let index = 1; index <= 5; index++) {
      await api.add(owner, PRODUCTS, { name: `Чай №${index}`, price: 10_000, unitId: unit!.id, vat: 'vat22', categoryId: index <= 2 ? drinks.id : null });
    }
    const first = await api.call('GET', `${PRODUCTS}?limit=2&sort=-name`, owner);
    expect([first.body.total, first.body.items.length]).toEqual([5, 2]);
    const second = await api.call('GET', `${PRODUCTS}?limit=2&sort=-name&cursor=${first.body.nextCursor}`, owner);
    expect([second.body.total, second.body.items.map((item: { name: string }) => item.name)]).toEqual([5, ['Чай №3', 'Чай №2']]);

    const withoutCategory = await api.call('GET', `${PRODUCTS}?categoryId=none`, owner);
    expect([withoutCategory.body.total, withoutCategory.body.items.map((item: { name: string }) => item.name)]).toEqual([3, ['Чай №3', 'Чай №4', 'Чай №5']]);
    expect((await api.call('GET', `${PRODUCTS}?categoryId=${drinks.id}`, owner)).body.total).toBe(2);
    const badCategory = await api.call('GET', `${PRODUCTS}?categoryId=nothing`, owner);
    expect([badCategory.status, badCategory.body.errors]).toEqual([400, [{ path: 'categoryId', message: 'Выберите категорию из списка' }]]);
  });

  it('lists units with the most common FFD measures first, then the rest by name, unless sorted', async () => {
    const owner = (await api.signUp()).accessToken;
    await api.presetUnits(owner);
    await api.add(owner, '/api/v1/catalog/units', { name: 'упаковка', shortName: 'уп', ffdCode: 255 });
    const own = await column(owner, '/api/v1/catalog/units?limit=200', 'shortName');
    expect(own.slice(0, 10)).toEqual(['шт', 'кг', 'л', 'м', 'г', 'мл', 'м²', 'м³', 'см', 'т']);
    expect(own).toHaveLength(25);
    const byName = await column(owner, '/api/v1/catalog/units?limit=200&sort=name', 'name');
    expect(byName).toEqual([...byName].sort());
    expect(byName.slice(0, 2)).toEqual(['гигабайт', 'гигакалория']);
  });
});
