import { deciderSpec } from '@elk/testing';
import { categoryDecider, type CategoryCommand, type CategoryEvent, type CategoryFields } from './category.decider';

const spec = deciderSpec(categoryDecider);
const organisationId = '11111111-1111-4111-8111-111111111111';
const at = '2025-01-15T10:00:00.000Z';
const later = '2025-01-16T10:00:00.000Z';

// Постельное бельё → Наволочки → Шёлковые; Еда at the top.
const bedding = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const pillowcases = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const silk = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const food = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';
const sheets = 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee';

const fields = (name: string, parentId: string | null = null, description: string | null = null): CategoryFields => ({ name, description, parentId });
const added = (categoryId: string, category: CategoryFields): CategoryEvent => ({ type: 'CategoryAdded', data: { organisationId, categoryId, ...category, addedAt: at } });
const updated = (categoryId: string, category: CategoryFields): CategoryEvent => ({ type: 'CategoryUpdated', data: { organisationId, categoryId, ...category, updatedAt: later } });
const deleted = (categoryId: string): CategoryEvent => ({ type: 'CategoryDeleted', data: { organisationId, categoryId, deletedAt: later } });

const add = (categoryId: string, category: CategoryFields): CategoryCommand => ({ type: 'AddCategory', organisationId, categoryId, fields: category, at });
const update = (categoryId: string, category: CategoryFields, expectedVersion = 1): CategoryCommand => ({
  type: 'UpdateCategory',
  organisationId,
  categoryId,
  fields: category,
  expectedVersion,
  at: later,
});
const remove = (categoryId: string, mode: 'refuse' | 'move-contents-up' = 'refuse', productsInCategory: string[] = [], expectedVersion?: number, replaceWith?: string): CategoryCommand => ({
  type: 'DeleteCategory',
  organisationId,
  categoryId,
  expectedVersion,
  mode,
  productsInCategory,
  replaceWith,
  at: later,
});

const tree: CategoryEvent[] = [
  added(bedding, fields('Постельное бельё')),
  added(pillowcases, fields('Наволочки', bedding)),
  added(silk, fields('Шёлковые', pillowcases)),
  added(food, fields('Еда')),
];

describe('category decider', () => {
  describe('adding', () => {
    it('adds a category at the top and one under it, with a description', () => {
      spec.given([]).when(add(bedding, fields('Постельное бельё'))).then([added(bedding, fields('Постельное бельё'))]);
      const child = fields('Наволочки', bedding, 'Все размеры');
      spec.given(tree.slice(0, 1)).when(add(pillowcases, child)).then([added(pillowcases, child)]);
    });

    it('adds a category at any depth', () => {
      spec.given(tree).when(add(sheets, fields('Детские', silk))).then([added(sheets, fields('Детские', silk))]);
    });

    it('does nothing for a retried add with the same id', () => {
      spec.given(tree).when(add(food, fields('Еда'))).then([]);
    });

    it('refuses a parent that does not exist or was deleted, under parentId', () => {
      const error = spec.given([]).when(add(pillowcases, fields('Наволочки', bedding))).thenThrows('RULE_VIOLATED');
      expect(error.errors).toEqual([{ path: 'parentId', message: 'Родительская категория не найдена: выберите другую' }]);
      spec.given([...tree, deleted(food)]).when(add(sheets, fields('Фрукты', food))).thenThrows('RULE_VIOLATED');
    });

    it('refuses a name a sibling has, whatever the letter case, naming the parent', () => {
      const error = spec.given(tree).when(add(sheets, fields('наволочки', bedding))).thenThrows('RULE_VIOLATED');
      expect(error.errors).toEqual([{ path: 'name', message: 'В категории «Постельное бельё» уже есть подкатегория «Наволочки»' }]);
      const top = spec.given(tree).when(add(sheets, fields('ЕДА'))).thenThrows('RULE_VIOLATED');
      expect(top.errors).toEqual([{ path: 'name', message: 'Категория «Еда» уже есть на верхнем уровне' }]);
    });

    it('allows the same name under another parent', () => {
      spec.given(tree).when(add(sheets, fields('Наволочки', food))).then([added(sheets, fields('Наволочки', food))]);
    });
  });

  describe('editing and moving', () => {
    it('renames, describes and moves a category with its subtree', () => {
      const moved = fields('Наволочки', food, 'Перенесены');
      spec.given(tree).when(update(pillowcases, moved)).then([updated(pillowcases, moved)]);
    });

    it('moves a category to the top', () => {
      spec.given(tree).when(update(pillowcases, fields('Наволочки'))).then([updated(pillowcases, fields('Наволочки'))]);
    });

    it('records nothing when nothing changed', () => {
      spec.given(tree).when(update(pillowcases, fields('Наволочки', bedding))).then([]);
    });

    it('refuses to put a category under itself', () => {
      const error = spec.given(tree).when(update(bedding, fields('Постельное бельё', bedding))).thenThrows('RULE_VIOLATED');
      expect(error.errors).toEqual([{ path: 'parentId', message: 'Категорию нельзя вложить в саму себя' }]);
    });

    it('refuses to put a category under its child or a deeper descendant, naming it', () => {
      const child = spec.given(tree).when(update(bedding, fields('Постельное бельё', pillowcases))).thenThrows('RULE_VIOLATED');
      expect(child.errors).toEqual([{ path: 'parentId', message: 'Категорию нельзя вложить в её собственную подкатегорию «Наволочки»' }]);
      const grandchild = spec.given(tree).when(update(bedding, fields('Постельное бельё', silk))).thenThrows('RULE_VIOLATED');
      expect(grandchild.errors).toEqual([{ path: 'parentId', message: 'Категорию нельзя вложить в её собственную подкатегорию «Шёлковые»' }]);
    });

    it('refuses a move next to a sibling of the same name', () => {
      const given = [...tree, added(sheets, fields('Шёлковые', bedding))];
      spec.given(given).when(update(silk, fields('Шёлковые', bedding))).thenThrows('RULE_VIOLATED');
    });

    it('refuses a stale version, and an unknown or deleted category', () => {
      spec.given([...tree, updated(food, fields('Продукты'))]).when(update(food, fields('Еда'), 1)).thenThrows('VERSION_CONFLICT');
      spec.given([...tree, deleted(food)]).when(update(food, fields('Еда'), 2)).thenThrows('NOT_FOUND');
      spec.given([]).when(update(food, fields('Еда'))).thenThrows('NOT_FOUND');
    });
  });

  describe('deleting', () => {
    it('deletes a category without subcategories', () => {
      spec.given(tree).when(remove(silk)).then([deleted(silk)]);
    });

    it('takes another category for its products, refusing itself or one deleted as the replacement', () => {
      spec.given(tree).when(remove(silk, 'refuse', [], undefined, food)).then([deleted(silk)]);
      const self = spec.given(tree).when(remove(silk, 'refuse', [], undefined, silk)).thenThrows('RULE_VIOLATED');
      expect(self.errors).toEqual([{ path: 'replaceWith', message: 'Выберите другую категорию: эту вы удаляете' }]);
      const gone = spec.given([...tree, deleted(food)]).when(remove(silk, 'refuse', [], undefined, food)).thenThrows('RULE_VIOLATED');
      expect(gone.errors).toEqual([{ path: 'replaceWith', message: 'Категория для товаров не найдена: выберите другую' }]);
    });

    it('refuses by default while it has subcategories, naming them', () => {
      const given = [...tree, added(sheets, fields('Простыни', bedding))];
      const error = spec.given(given).when(remove(bedding)).thenThrows('RULE_VIOLATED');
      expect(error.message).toBe(
        'В категории есть подкатегории: «Наволочки», «Простыни». Удалите или перенесите их, или удалите категорию, подняв подкатегории на уровень выше',
      );
    });

    it('moves the subcategories to its parent in the same change when asked', () => {
      spec
        .given(tree)
        .when(remove(pillowcases, 'move-contents-up'))
        .then([updated(silk, fields('Шёлковые', bedding)), deleted(pillowcases)]);
      spec
        .given(tree)
        .when(remove(bedding, 'move-contents-up'))
        .then([updated(pillowcases, fields('Наволочки')), deleted(bedding)]);
    });

    it('moves a subcategory named like the deleted category itself', () => {
      const given = [...tree, added(sheets, fields('Наволочки', pillowcases))];
      spec
        .given(given)
        .when(remove(pillowcases, 'move-contents-up'))
        .then([updated(sheets, fields('Наволочки', bedding)), updated(silk, fields('Шёлковые', bedding)), deleted(pillowcases)]);
    });

    it('refuses to move up a subcategory whose name is taken one level up', () => {
      const given = [...tree, added(sheets, fields('Шёлковые', bedding))];
      const error = spec.given(given).when(remove(pillowcases, 'move-contents-up')).thenThrows('RULE_VIOLATED');
      expect(error.errors).toEqual([{ path: 'name', message: 'В категории «Постельное бельё» уже есть подкатегория «Шёлковые»' }]);
    });

    it('refuses while products are in it, naming them', () => {
      const error = spec.given(tree).when(remove(food, 'move-contents-up', ['Борщ'])).thenThrows('RULE_VIOLATED');
      expect(error.message).toBe(
        'В категории есть товары: «Борщ». Перенесите их в другую категорию или удалите категорию, перенеся её товары на уровень выше',
      );
    });

    it('refuses a stale version and an already deleted category', () => {
      spec.given([...tree, updated(food, fields('Продукты'))]).when(remove(food, 'refuse', [], 1)).thenThrows('VERSION_CONFLICT');
      spec.given([...tree, deleted(food)]).when(remove(food)).thenThrows('NOT_FOUND');
    });
  });
});
