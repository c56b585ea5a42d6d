/**
 * Каталог → Единицы измерения and Категории over HTTP, in both run modes: the FFD 1.2 units every new
 * organisation gets, a unit added, edited and deleted with its refusals and history, a three-level category tree
 * with the moves it refuses, deleting a category with subcategories, what the Manager and the Cashier may do,
 * another organisation seeing nothing, and bad input refused.
 */
import { OWNER_FULL_NAME, useRunningSystem } from './api.harness';
import { uniqueContact, type RunMode } from './system.harness';

jest.setTimeout(120_000);

const UNITS = '/api/v1/catalog/units';
const CATEGORIES = '/api/v1/catalog/categories';

/** FFD 1.2 tag 2108: short name → code, as the issue lists them. */
const FFD_UNITS = {
  шт: 0,
  г: 10,
  кг: 11,
  т: 12,
  см: 20,
  дм: 21,
  м: 22,
  'см²': 30,
  'дм²': 31,
  'м²': 32,
  мл: 40,
  л: 41,
  'м³': 42,
  'кВт·ч': 50,
  Гкал: 51,
  сут: 70,
  ч: 71,
  мин: 72,
  с: 73,
  КБ: 80,
  МБ: 81,
  ГБ: 82,
  ТБ: 83,
  иные: 255,
};
const FFD_CODE_MESSAGE = 'Выберите меру количества из списка ФФД (тег 2108)';
const PACKAGE = { name: 'упаковка', shortName: 'уп', ffdCode: 255 };

describe.each<RunMode>(['embedded', 'distributed'])('catalog API (%s mode)', (mode) => {
  const { api } = useRunningSystem(mode);

  const signUp = async () => (await api.signUp()).accessToken;

  const names = async (token: string, path: string, search = '') =>
    (await api.call('GET', `${path}?search=${encodeURIComponent(search)}`, token)).body.items.map((item: { name: string }) => item.name);

  /** Each category's name with its parent's name (null at the top), in list order. */
  async function tree(token: string): Promise<Array<[string, string | null]>> {
    const items: Array<{ id: string; name: string; parentId: string | null }> = (await api.call('GET', CATEGORIES, token)).body.items;
    const nameOf = new Map(items.map((item) => [item.id, item.name]));
    return items.map((item) => [item.name, item.parentId === null ? null : (nameOf.get(item.parentId) ?? item.parentId)]);
  }

  it('gives a new organisation the 24 units of FFD 1.2 with their codes, found by name and short name, added by the system', async () => {
    const owner = await signUp();

    const units = await api.presetUnits(owner);
    expect(Object.fromEntries(units.map((unit) => [unit.shortName, unit.ffdCode]))).toEqual(FFD_UNITS);
    expect(units).toHaveLength(24);
    expect(units.find((unit) => unit.ffdCode === 11)).toMatchObject({ name: 'килограмм', shortName: 'кг' });
    // The most common measures first (кг), the others by name.
    expect(await names(owner, UNITS, 'КИЛО')).toEqual(['килограмм', 'килобайт', 'киловатт час']);
    expect(await names(owner, UNITS, 'гкал')).toEqual(['гигакалория']);

    const kilogram = units.find((unit) => unit.shortName === 'кг')!;
    expect((await api.call('GET', `${UNITS}/${kilogram.id}`, owner)).body).toMatchObject({ version: 1, name: 'килограмм', ffdCode: 11 });
    const history = await api.call('GET', `${UNITS}/${kilogram.id}/history`, owner);
    expect(history.status).toBe(200);
    expect(history.body.items).toEqual([expect.objectContaining({ action: 'created', actor: expect.objectContaining({ accountId: 'system' }) })]);
  });

  it('adds, edits and deletes a unit; refuses a taken name or short name with 409 and a code out of 0…255 with 400, under the field', async () => {
    const owner = await signUp();
    await api.presetUnits(owner);

    const unit = await api.add(owner, UNITS, { name: ' упаковка ', shortName: 'уп', ffdCode: 255 });
    expect(unit).toEqual({ id: expect.any(String), version: 1, ...PACKAGE, createdAt: expect.any(String), updatedAt: expect.any(String) });
    const path = `${UNITS}/${unit.id}`;

    const sameName = await api.call('POST', UNITS, owner, { ...PACKAGE, name: 'УПАКОВКА', shortName: 'упак' });
    expect([sameName.status, sameName.body.errors]).toEqual([409, [{ path: 'name', message: 'Единица измерения «упаковка» уже есть' }]]);
    const sameShortName = await api.call('POST', UNITS, owner, { name: 'кило', shortName: 'кг', ffdCode: 11 });
    expect([sameShortName.status, sameShortName.body.errors]).toEqual([409, [{ path: 'shortName', message: 'Сокращение «кг» уже есть у единицы «килограмм»' }]]);
    for (const ffdCode of [256, -1, 1.5, '11', 5, 13]) {
      const outOfRange = await api.call('POST', UNITS, owner, { name: 'ящик', shortName: 'ящ', ffdCode });
      expect([ffdCode, outOfRange.status, outOfRange.body.errors]).toEqual([ffdCode, 400, [{ path: 'ffdCode', message: FFD_CODE_MESSAGE }]]);
    }

    const edited = await api.call('PUT', path, owner, { ...PACKAGE, name: 'коробка', shortName: 'кор', expectedVersion: 1 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, name: 'коробка', shortName: 'кор', ffdCode: 255 });
    const stale = await api.call('PUT', path, owner, { ...PACKAGE, expectedVersion: 1 });
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    const takenByPreset = await api.call('PUT', path, owner, { name: 'литр', shortName: 'кор', ffdCode: 41, expectedVersion: 2 });
    expect([takenByPreset.status, takenByPreset.body.errors]).toEqual([409, [{ path: 'name', message: 'Единица измерения «литр» уже есть' }]]);

    expect((await api.call('DELETE', path, owner, undefined, { 'if-match': '1' })).status).toBe(409);
    expect((await api.call('DELETE', path, owner, undefined, { 'if-match': '2' })).status).toBe(204);
    expect((await api.call('GET', path, owner)).status).toBe(404);
    expect((await api.call('GET', UNITS, owner)).body.total).toBe(24);
    expect(await api.add(owner, UNITS, { ...PACKAGE, name: 'коробка' })).toMatchObject({ version: 1, name: 'коробка' });

    const history = await api.call('GET', `${path}/history`, owner);
    expect(history.body.items.map((entry: { action: string }) => entry.action)).toEqual(['created', 'updated', 'deleted']);
    expect(history.body.items[1]).toMatchObject({
      actor: { fullName: OWNER_FULL_NAME },
      changes: [
        { field: 'name', from: 'упаковка', to: 'коробка' },
        { field: 'shortName', from: 'уп', to: 'кор' },
      ],
    });
  });

  it('adds a unit once for one Idempotency-Key', async () => {
    const owner = await signUp();
    await api.presetUnits(owner);
    const key = { 'idempotency-key': `unit-${Date.now()}` };
    const first = await api.call('POST', UNITS, owner, PACKAGE, key);
    const retry = await api.call('POST', UNITS, owner, PACKAGE, key);
    expect([first.status, retry.status, retry.body.id]).toEqual([201, 201, first.body.id]);
    expect((await api.call('GET', UNITS, owner)).body.total).toBe(25);
  });

  it('builds a three-level category tree, refuses a category under itself or its own descendant, and moves it elsewhere', async () => {
    const owner = await signUp();
    const food = await api.add(owner, CATEGORIES, { name: 'Продукты', description: 'Всё съедобное' });
    expect(food).toEqual({ id: expect.any(String), version: 1, name: 'Продукты', description: 'Всё съедобное', parentId: null, createdAt: expect.any(String), updatedAt: expect.any(String) });
    const dairy = await api.add(owner, CATEGORIES, { name: 'Молочные продукты', parentId: food.id });
    const cheese = await api.add(owner, CATEGORIES, { name: 'Сыры', parentId: dairy.id });
    expect(cheese).toMatchObject({ parentId: dairy.id, description: null });
    expect(await tree(owner)).toEqual([
      ['Молочные продукты', 'Продукты'],
      ['Продукты', null],
      ['Сыры', 'Молочные продукты'],
    ]);

    const foodPath = `${CATEGORIES}/${food.id}`;
    const underGrandchild = await api.call('PUT', foodPath, owner, { name: 'Продукты', parentId: cheese.id, expectedVersion: 1 });
    expect([underGrandchild.status, underGrandchild.body.errors]).toEqual([409, [{ path: 'parentId', message: 'Категорию нельзя вложить в её собственную подкатегорию «Сыры»' }]]);
    const underItself = await api.call('PUT', foodPath, owner, { name: 'Продукты', parentId: food.id, expectedVersion: 1 });
    expect([underItself.status, underItself.body.errors]).toEqual([409, [{ path: 'parentId', message: 'Категорию нельзя вложить в саму себя' }]]);
    const twin = await api.call('POST', CATEGORIES, owner, { name: 'сыры', parentId: dairy.id });
    expect([twin.status, twin.body.errors]).toEqual([409, [{ path: 'name', message: 'В категории «Молочные продукты» уже есть подкатегория «Сыры»' }]]);
    expect(await api.add(owner, CATEGORIES, { name: 'Сыры' })).toMatchObject({ parentId: null });

    const cheesePath = `${CATEGORIES}/${cheese.id}`;
    const moved = await api.call('PUT', cheesePath, owner, { name: 'Сыры твёрдые', parentId: food.id, expectedVersion: 1 });
    expect([moved.status, moved.body]).toEqual([200, expect.objectContaining({ version: 2, name: 'Сыры твёрдые', parentId: food.id })]);
    expect(await tree(owner)).toEqual([
      ['Молочные продукты', 'Продукты'],
      ['Продукты', null],
      ['Сыры', null],
      ['Сыры твёрдые', 'Продукты'],
    ]);
    const history = await api.call('GET', `${cheesePath}/history`, owner);
    expect(history.body.items.map((entry: { action: string }) => entry.action)).toEqual(['created', 'updated']);
    expect(history.body.items[1].changes).toEqual([
      { field: 'name', from: 'Сыры', to: 'Сыры твёрдые' },
      { field: 'parentId', from: dairy.id, to: food.id },
    ]);
  });

  it('refuses to delete a category with subcategories, naming them, and with move-contents-up lifts them to its parent', async () => {
    const owner = await signUp();
    const food = await api.add(owner, CATEGORIES, { name: 'Продукты' });
    const dairy = await api.add(owner, CATEGORIES, { name: 'Молочные продукты', parentId: food.id });
    const cheese = await api.add(owner, CATEGORIES, { name: 'Сыры', parentId: dairy.id });
    await api.add(owner, CATEGORIES, { name: 'Кефир', parentId: dairy.id });
    const dairyPath = `${CATEGORIES}/${dairy.id}`;

    const refused = await api.call('DELETE', dairyPath, owner);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('В категории есть подкатегории: «Кефир», «Сыры»');
    expect((await api.call('DELETE', `${dairyPath}?mode=refuse`, owner)).status).toBe(409);
    expect(await tree(owner)).toContainEqual(['Сыры', 'Молочные продукты']);

    expect((await api.call('DELETE', `${dairyPath}?mode=move-contents-up`, owner, undefined, { 'if-match': '1' })).status).toBe(204);
    expect((await api.call('GET', dairyPath, owner)).status).toBe(404);
    expect(await tree(owner)).toEqual([
      ['Кефир', 'Продукты'],
      ['Продукты', null],
      ['Сыры', 'Продукты'],
    ]);
    expect((await api.call('GET', `${dairyPath}/history`, owner)).body.items.map((entry: { action: string }) => entry.action)).toEqual(['created', 'deleted']);
    const cheeseHistory = (await api.call('GET', `${CATEGORIES}/${cheese.id}/history`, owner)).body.items;
    expect(cheeseHistory.at(-1).changes).toEqual([{ field: 'parentId', from: dairy.id, to: food.id }]);
  });

  it('lets a Manager edit units and categories, and a Cashier read them but change nothing (403)', async () => {
    const owner = await signUp();
    const token = {} as Record<'manager' | 'cashier', string>;
    for (const role of ['manager', 'cashier'] as const) {
      const { phone } = uniqueContact();
      await api.add(owner, '/api/v1/employees', { lastName: 'Смирнова', firstName: 'Ольга', phone, role });
      token[role] = await api.setPasswordAndLogIn(phone);
    }

    const unit = await api.add(token.manager, UNITS, PACKAGE);
    const category = await api.add(token.manager, CATEGORIES, { name: 'Напитки' });
    expect((await api.call('PUT', `${UNITS}/${unit.id}`, token.manager, { ...PACKAGE, ffdCode: 0, expectedVersion: 1 })).status).toBe(200);
    expect((await api.call('PUT', `${CATEGORIES}/${category.id}`, token.manager, { name: 'Соки', expectedVersion: 1 })).status).toBe(200);

    expect(await names(token.cashier, CATEGORIES)).toEqual(['Соки']);
    expect((await api.call('GET', `${UNITS}/${unit.id}`, token.cashier)).body).toMatchObject({ ffdCode: 0, version: 2 });
    expect((await api.call('GET', `${CATEGORIES}/${category.id}/history`, token.cashier)).status).toBe(200);
    for (const [method, path, body] of [
      ['POST', UNITS, { ...PACKAGE, name: 'ящик', shortName: 'ящ' }],
      ['PUT', `${UNITS}/${unit.id}`, { ...PACKAGE, expectedVersion: 2 }],
      ['DELETE', `${UNITS}/${unit.id}`, undefined],
      ['POST', CATEGORIES, { name: 'Хлеб' }],
      ['PUT', `${CATEGORIES}/${category.id}`, { name: 'Воды', expectedVersion: 2 }],
      ['DELETE', `${CATEGORIES}/${category.id}`, undefined],
    ] as const) {
      const reply = await api.call(method, path, token.cashier, body);
      expect([method, path, reply.status, reply.body.detail]).toEqual([method, path, 403, 'Недостаточно прав']);
    }

    expect((await api.call('DELETE', `${CATEGORIES}/${category.id}`, token.manager)).status).toBe(204);
    expect((await api.call('DELETE', `${UNITS}/${unit.id}`, token.manager)).status).toBe(204);
    expect(await names(owner, CATEGORIES)).toEqual([]);
  });

  it("shows another organisation none of this organisation's units and categories: 404 on every id, its own lists only", async () => {
    const owner = await signUp();
    const stranger = await signUp();
    const unit = await api.add(owner, UNITS, PACKAGE);
    const category = await api.add(owner, CATEGORIES, { name: 'Продукты' });

    for (const [path, card] of [
      [`${UNITS}/${unit.id}`, { ...PACKAGE, name: 'захват', expectedVersion: 1 }],
      [`${CATEGORIES}/${category.id}`, { name: 'Захват', expectedVersion: 1 }],
    ] as const) {
      for (const [method, url, body] of [
        ['GET', path, undefined],
        ['PUT', path, card],
        ['DELETE', path, undefined],
        ['GET', `${path}/history`, undefined],
      ] as const) {
        const reply = await api.call(method, url, stranger, body);
        expect([method, url, reply.status, reply.body.code]).toEqual([method, url, 404, 'NOT_FOUND']);
      }
    }
    const strangersUnits = await api.presetUnits(stranger);
    expect(strangersUnits).toHaveLength(24);
    expect(strangersUnits.map((item) => item.name)).not.toContain('упаковка');
    expect((await api.call('GET', CATEGORIES, stranger)).body).toEqual({ items: [], total: 0, nextCursor: null });
    const child = await api.call('POST', CATEGORIES, stranger, { name: 'Чужая', parentId: category.id });
    expect([child.status, child.body.errors?.[0]?.path]).toEqual([409, 'parentId']);

    expect((await api.call('GET', `${UNITS}/${unit.id}`, owner)).body).toMatchObject({ name: 'упаковка', version: 1 });
    expect((await api.call('GET', `${CATEGORIES}/${category.id}`, owner)).body).toMatchObject({ name: 'Продукты', version: 1 });
  });

  it('refuses malformed JSON, unknown fields and bad values with 400 and Russian messages, and stores nothing', async () => {
    const owner = await signUp();
    await api.presetUnits(owner);

    for (const path of [UNITS, CATEGORIES]) {
      const malformed = await api.call('POST', path, owner, '{"name": "ящик",', { 'content-type': 'application/json' });
      expect([path, malformed.status, malformed.body.detail]).toEqual([path, 400, expect.stringMatching(/[А-Яа-яЁё]/)]);
    }
    const unknownUnitField = await api.call('POST', UNITS, owner, { ...PACKAGE, colour: 'red' });
    expect([unknownUnitField.status, unknownUnitField.body.errors]).toEqual([400, [{ path: 'colour', message: 'Неизвестное поле «colour»' }]]);
    const badCategory = await api.call('POST', CATEGORIES, owner, { name: ' ', parentId: 'Напитки', icon: '🍞' });
    expect(badCategory.status).toBe(400);
    expect(badCategory.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['icon', 'name', 'parentId']);
    expect(badCategory.body.errors).toContainEqual({ path: 'parentId', message: 'Выберите родительскую категорию из списка' });
    for (const error of badCategory.body.errors) expect(error.message).toMatch(/[А-Яа-яЁё]/);

    const category = await api.add(owner, CATEGORIES, { name: 'Продукты' });
    const badMode = await api.call('DELETE', `${CATEGORIES}/${category.id}?mode=all`, owner);
    expect([badMode.status, badMode.body.errors?.[0]?.path]).toEqual([400, 'mode']);
    const noVersion = await api.call('PUT', `${CATEGORIES}/${category.id}`, owner, { name: 'Еда' });
    expect([noVersion.status, noVersion.body.errors]).toEqual([400, [{ path: 'expectedVersion', message: expect.stringMatching(/[А-Яа-яЁё]/) }]]);

    expect((await api.call('GET', UNITS, owner)).body.total).toBe(24);
    expect(await tree(owner)).toEqual([['Продукты', null]]);
  });
});
