import { startProjections } from '@elk/documents';
import { failureOf, waitUntil } from '@elk/testing';
import { FFD_UNIT_PRESET, catalogProjections, unitsStreamId } from '../src';
import { categoriesCollection } from '../src/categories/queries/category-list.projection';
import { unitsCollection } from '../src/units/queries/unit-list.projection';
import { OWNER_NAME, catalogTestApp, type CatalogMerchant } from './catalog-test-app';

describe.each(['embedded', 'distributed'] as const)('catalog service (%s)', (mode) => {
  const catalog = catalogTestApp(mode);
  const { publishRegistered, merchant } = catalog;

  /** The organisation's units once it has `count` of them (the preset comes by an event). */
  async function unitCount(who: CatalogMerchant, count: number) {
    await waitUntil(async () => (await who.units({ limit: 200 })).total >= count, `${count} units of the organisation`, 10_000);
    return who.units({ limit: 200 });
  }

  it('adds, edits and deletes a unit with names unique in the organisation and the history of changes', async () => {
    const manager = merchant();
    const portion = await manager.addUnit({ name: 'порция', shortName: 'порц', ffdCode: 255 });
    expect(portion).toMatchObject({ name: 'порция', shortName: 'порц', ffdCode: 255, version: 1 });
    expect(await manager.unit(portion.id)).toEqual(portion);

    const twin = await failureOf(manager.addUnit({ name: 'Порция', shortName: 'пц', ffdCode: 255 }));
    expect(twin.code).toBe('RULE_VIOLATED');
    expect(twin.details).toMatchObject({ errors: [{ path: 'name', message: 'Единица измерения «порция» уже есть' }] });
    const badCode = await failureOf(manager.addUnit({ name: 'бутылка', shortName: 'бут', ffdCode: 5 }));
    expect(badCode.code).toBe('VALIDATION_FAILED');
    expect(badCode.details).toMatchObject({ errors: [{ path: 'unit.ffdCode', message: 'Выберите меру количества из списка ФФД (тег 2108)' }] });

    const renamed = await manager.updateUnit(portion.id, { name: 'большая порция', shortName: 'б.порц', ffdCode: 0, expectedVersion: 1 });
    expect(renamed).toMatchObject({ name: 'большая порция', ffdCode: 0, version: 2 });
    expect((await failureOf(manager.updateUnit(portion.id, { name: 'порция', shortName: 'порц', ffdCode: 0, expectedVersion: 1 }))).code).toBe('VERSION_CONFLICT');
    expect((await manager.units()).items.map((unit) => unit.name)).toEqual(['большая порция']);

    await manager.deleteUnit(portion.id, 2);
    expect((await failureOf(manager.unit(portion.id))).code).toBe('NOT_FOUND');
    expect((await manager.units()).total).toBe(0);

    const history = await manager.unitHistory(portion.id);
    expect(history.items.map((entry) => entry.action)).toEqual(['created', 'updated', 'deleted']);
    expect(history.items[1]).toMatchObject({
      actor: { accountId: manager.accountId, fullName: OWNER_NAME },
      changes: [
        { field: 'name', from: 'порция', to: 'большая порция' },
        { field: 'shortName', from: 'порц', to: 'б.порц' },
        { field: 'ffdCode', from: 255, to: 0 },
      ],
    });
  });

  it('keeps a category tree: three levels, no move under a descendant, delete refused with children or moving them up', async () => {
    const manager = merchant();
    const bedding = await manager.addCategory({ name: 'Постельное бельё', description: 'Всё для сна' });
    const pillowcases = await manager.addCategory({ name: 'Наволочки', parentId: bedding.id });
    const silk = await manager.addCategory({ name: 'Шёлковые', parentId: pillowcases.id });
    expect(silk).toMatchObject({ parentId: pillowcases.id, description: null, version: 1 });

    const cycle = await failureOf(manager.updateCategory(bedding.id, { name: 'Постельное бельё', parentId: silk.id, expectedVersion: 1 }));
    expect(cycle.code).toBe('RULE_VIOLATED');
    expect(cycle.details).toMatchObject({ errors: [{ path: 'parentId', message: 'Категорию нельзя вложить в её собственную подкатегорию «Шёлковые»' }] });
    const twin = await failureOf(manager.addCategory({ name: 'наволочки', parentId: bedding.id }));
    expect(twin.details).toMatchObject({ errors: [{ path: 'name' }] });

    const refused = await failureOf(manager.deleteCategory(pillowcases.id));
    expect(refused.code).toBe('RULE_VIOLATED');
    expect(refused.message).toContain('«Шёлковые»');
    expect((await manager.categories()).total).toBe(3);

    await manager.deleteCategory(pillowcases.id, 'move-contents-up');
    const tree = await manager.categories();
    expect(tree.items.map(({ name, parentId }) => ({ name, parentId }))).toEqual([
      { name: 'Постельное бельё', parentId: null },
      { name: 'Шёлковые', parentId: bedding.id },
    ]);
    expect((await failureOf(manager.category(pillowcases.id))).code).toBe('NOT_FOUND');
    const moved = await manager.categoryHistory(silk.id);
    expect(moved.items.map((entry) => entry.action)).toEqual(['created', 'updated']);
    expect(moved.items[1]?.changes).toEqual([{ field: 'parentId', from: pillowcases.id, to: bedding.id }]);
  });

  it('shows another organisation nothing and lets it change nothing', async () => {
    const owner = merchant();
    const stranger = merchant();
    const unit = await owner.addUnit({ name: 'порция', shortName: 'порц', ffdCode: 255 });
    const category = await owner.addCategory({ name: 'Еда' });

    expect((await stranger.units()).total).toBe(0);
    expect((await stranger.categories()).total).toBe(0);
    for (const attempt of [
      stranger.unit(unit.id),
      stranger.unitHistory(unit.id),
      stranger.updateUnit(unit.id, { name: 'чужая', shortName: 'ч', ffdCode: 0, expectedVersion: 1 }),
      stranger.deleteUnit(unit.id),
      stranger.category(category.id),
      stranger.categoryHistory(category.id),
      stranger.updateCategory(category.id, { name: 'Чужая', expectedVersion: 1 }),
      stranger.deleteCategory(category.id),
    ]) {
      expect((await failureOf(attempt)).code).toBe('NOT_FOUND');
    }
    const underForeign = await failureOf(stranger.addCategory({ name: 'Фрукты', parentId: category.id }));
    expect(underForeign.details).toMatchObject({ errors: [{ path: 'parentId', message: 'Родительская категория не найдена: выберите другую' }] });
    // Its own names are its own: the same ones are free for it.
    await stranger.addUnit({ name: 'порция', shortName: 'порц', ffdCode: 255 });
    await stranger.addCategory({ name: 'Еда' });
    expect(await owner.unit(unit.id)).toEqual(unit);
    expect(await owner.category(category.id)).toEqual(category);
  });

  it('rebuilds the same documents when the projections replay the events', async () => {
    const manager = merchant();
    await publishRegistered(manager.organisationId);
    await unitCount(manager, 24);
    const unit = await manager.addUnit({ name: 'порция', shortName: 'порц', ffdCode: 255 });
    await manager.updateUnit(unit.id, { name: 'порция', shortName: 'порц', ffdCode: 0, expectedVersion: 1 });
    const food = await manager.addCategory({ name: 'Еда' });
    const soups = await manager.addCategory({ name: 'Супы', parentId: food.id });
    await manager.addCategory({ name: 'Холодные', parentId: soups.id });
    await manager.deleteCategory(soups.id, 'move-contents-up');
    await catalog.stop();

    const { documentStore, eventStore } = catalog.infrastructure;
    const where = { organisationId: manager.organisationId };
    const snapshot = async () => ({
      units: (await documentStore.collection(unitsCollection).find({ where, limit: 1000 })).items.map((document) => document.data),
      categories: (await documentStore.collection(categoriesCollection).find({ where, limit: 1000 })).items.map((document) => document.data),
    });
    const before = await snapshot();
    expect(before.units).toHaveLength(25);
    expect(before.categories).toHaveLength(2);

    const runner = await startProjections(eventStore, documentStore, catalogProjections);
    try {
      for (const { name } of catalogProjections) await runner.rebuild(name);
    } finally {
      await runner.stop();
    }
    expect(await snapshot()).toEqual(before);
  });

  // The event stream and its consumer must be new when the organisation registers, as for a catalog deployed after it.
  describe('on a service of its own, started after the registration', () => {
    const own = catalogTestApp(mode, { servicePerTest: true });

    it('preloads the 24 FFD 1.2 units for every registered organisation once, including those registered before it started', async () => {
      const early = own.merchant();
      await own.publishRegistered(early.organisationId);
      await own.start();

      const preset = await unitCount(early, FFD_UNIT_PRESET.length);
      expect(preset.total).toBe(24);
      expect(preset.items.map(({ name, shortName, ffdCode }) => ({ name, shortName, ffdCode }))).toEqual(
        expect.arrayContaining([
          { name: 'килограмм', shortName: 'кг', ffdCode: 11 },
          { name: 'квадратный метр', shortName: 'м²', ffdCode: 32 },
          { name: 'иные единицы измерения', shortName: 'иные', ffdCode: 255 },
        ]),
      );
      // The most common measure first: кг before г.
      expect((await early.units({ search: 'грамм' })).items.map((unit) => unit.name)).toEqual(['килограмм', 'грамм']);
      expect((await early.units({ search: 'грамм', sort: 'name' })).items.map((unit) => unit.name)).toEqual(['грамм', 'килограмм']);

      // The same registration again (a redelivery), then another organisation, whose units show that the consumer
      // has passed the repeated event; then a restart, after which a third organisation still gets its units.
      await own.publishRegistered(early.organisationId);
      const late = own.merchant();
      await own.publishRegistered(late.organisationId);
      expect((await unitCount(late, 24)).total).toBe(24);
      await own.stop();
      await own.start();
      const afterRestart = own.merchant();
      await own.publishRegistered(afterRestart.organisationId);
      expect((await unitCount(afterRestart, 24)).total).toBe(24);
      expect((await early.units({ limit: 200 })).total).toBe(24);
      const { events: stored } = await own.infrastructure.eventStore.readStream(unitsStreamId(early.organisationId));
      expect(stored.map((event) => event.type)).toEqual(['UnitPresetLoaded', ...FFD_UNIT_PRESET.map(() => 'UnitAdded')]);
    }, 30_000);
  });
});
