import { CategoryEvents, DomainError, type CategoryDeleteMode } from '@elk/contracts';
import type { Decider, EventOf } from '@elk/service-kit';

export type CategoryEvent = EventOf<typeof CategoryEvents>;

export interface CategoryFields {
  name: string;
  description: string | null;
  /** null: at the top of the tree. */
  parentId: string | null;
}

/** The card's fields as the decider keeps them: no description and no parent are null. */
export function categoryFieldsOf(request: { name: string; description?: string | null; parentId?: string | null }): CategoryFields {
  return { name: request.name, description: request.description || null, parentId: request.parentId ?? null };
}

export type CategoryCommand =
  | { type: 'AddCategory'; organisationId: string; categoryId: string; fields: CategoryFields; at: string }
  | { type: 'UpdateCategory'; organisationId: string; categoryId: string; fields: CategoryFields; expectedVersion: number; at: string }
  | {
      type: 'DeleteCategory';
      organisationId: string;
      categoryId: string;
      expectedVersion?: number;
      mode: CategoryDeleteMode;
      /** Names of the products in this category, looked up by the handler (after moving them up, if asked): deleting is refused while there are any. */
      productsInCategory: string[];
      /** The category its own products are moved to first (by the handler), instead of its parent. */
      replaceWith?: string;
      at: string;
    };

export interface CategoryRecord extends CategoryFields {
  categoryId: string;
  /** Number of events that touched this category. */
  version: number;
  createdAt: string;
  updatedAt: string;
  deleted: boolean;
}

/** Every category the organisation ever had, deleted ones kept (so an id is never reused). */
export interface CategoriesState {
  categories: Readonly<Record<string, CategoryRecord>>;
}

export function categoriesStreamId(organisationId: string): string {
  return `catalog-categories-${organisationId}-${organisationId}`;
}

export const CATEGORY_NOT_FOUND_MESSAGE = 'Категория не найдена';
const STALE_MESSAGE = 'Категорию уже изменили. Обновите страницу и повторите';

/** «Еда» and « еда» are the same name. */
const sameText = (a: string, b: string) => a.trim().toLocaleLowerCase('ru') === b.trim().toLocaleLowerCase('ru');

const quoted = (categories: readonly CategoryRecord[]) => categories.map((category) => `«${category.name}»`).join(', ');

function ruleViolated(path: string, message: string): DomainError {
  return new DomainError('RULE_VIOLATED', message, [{ path, message }]);
}

function live(state: CategoriesState, categoryId: string | null): CategoryRecord | undefined {
  const category = categoryId === null ? undefined : state.categories[categoryId];
  return category && !category.deleted ? category : undefined;
}

/** The live categories directly under `parentId`, by name. */
function childrenOf(state: CategoriesState, parentId: string | null): CategoryRecord[] {
  return Object.values(state.categories)
    .filter((category) => !category.deleted && category.parentId === parentId)
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
}

/** The parent exists, and is neither the category itself nor one of its descendants (the tree stays a tree). */
function checkParent(state: CategoriesState, categoryId: string, parentId: string | null): void {
  if (parentId === null) return;
  const parent = live(state, parentId);
  if (!parent) throw ruleViolated('parentId', 'Родительская категория не найдена: выберите другую');
  if (parentId === categoryId) throw ruleViolated('parentId', 'Категорию нельзя вложить в саму себя');
  for (let ancestor: CategoryRecord | undefined = parent; ancestor; ancestor = live(state, ancestor.parentId)) {
    if (ancestor.parentId === categoryId) {
      throw ruleViolated('parentId', `Категорию нельзя вложить в её собственную подкатегорию «${parent.name}»`);
    }
  }
}

/** Names are unique among siblings: the categories under the same parent, except those in `except`. */
function checkNameAmongSiblings(state: CategoriesState, name: string, parentId: string | null, except: readonly string[]): void {
  const twin = childrenOf(state, parentId).find((sibling) => !except.includes(sibling.categoryId) && sameText(sibling.name, name));
  if (!twin) return;
  const parent = live(state, parentId);
  throw ruleViolated('name', parent ? `В категории «${parent.name}» уже есть подкатегория «${twin.name}»` : `Категория «${twin.name}» уже есть на верхнем уровне`);
}

function existing(state: CategoriesState, categoryId: string, expectedVersion: number | undefined): CategoryRecord {
  const category = live(state, categoryId);
  if (!category) throw new DomainError('NOT_FOUND', CATEGORY_NOT_FOUND_MESSAGE);
  if (expectedVersion !== undefined && expectedVersion !== category.version) throw new DomainError('VERSION_CONFLICT', STALE_MESSAGE);
  return category;
}

const REPLACEMENT_IS_SELF_MESSAGE = 'Выберите другую категорию: эту вы удаляете';
const REPLACEMENT_NOT_FOUND_MESSAGE = 'Категория для товаров не найдена: выберите другую';

function checkReplacement(state: CategoriesState, categoryId: string, replaceWith: string): void {
  if (replaceWith === categoryId) throw new DomainError('RULE_VIOLATED', REPLACEMENT_IS_SELF_MESSAGE, [{ path: 'replaceWith', message: REPLACEMENT_IS_SELF_MESSAGE }]);
  if (!live(state, replaceWith)) throw new DomainError('RULE_VIOLATED', REPLACEMENT_NOT_FOUND_MESSAGE, [{ path: 'replaceWith', message: REPLACEMENT_NOT_FOUND_MESSAGE }]);
}

function decide(command: CategoryCommand, state: CategoriesState): CategoryEvent[] {
  const { organisationId, categoryId } = command;
  switch (command.type) {
    case 'AddCategory': {
      // The same id again is a retried add: nothing more to do.
      if (state.categories[categoryId]) return [];
      checkParent(state, categoryId, command.fields.parentId);
      checkNameAmongSiblings(state, command.fields.name, command.fields.parentId, []);
      return [{ type: 'CategoryAdded', data: { organisationId, categoryId, ...command.fields, addedAt: command.at } }];
    }
    case 'UpdateCategory': {
      const category = existing(state, categoryId, command.expectedVersion);
      const { name, description, parentId } = command.fields;
      checkParent(state, categoryId, parentId);
      checkNameAmongSiblings(state, name, parentId, [categoryId]);
      if (category.name === name && category.description === description && category.parentId === parentId) return [];
      return [{ type: 'CategoryUpdated', data: { organisationId, categoryId, name, description, parentId, updatedAt: command.at } }];
    }
    case 'DeleteCategory': {
      const category = existing(state, categoryId, command.expectedVersion);
      if (command.replaceWith !== undefined) checkReplacement(state, categoryId, command.replaceWith);
      if (command.productsInCategory.length > 0) {
        const names = command.productsInCategory.map((name) => `«${name}»`).join(', ');
        throw new DomainError(
          'RULE_VIOLATED',
          `В категории есть товары: ${names}. Перенесите их в другую категорию или удалите категорию, перенеся её товары на уровень выше`,
        );
      }
      const children = childrenOf(state, categoryId);
      if (children.length > 0 && command.mode === 'refuse') {
        throw new DomainError(
          'RULE_VIOLATED',
          `В категории есть подкатегории: ${quoted(children)}. Удалите или перенесите их, или удалите категорию, подняв подкатегории на уровень выше`,
        );
      }
      // Its subcategories take its place under its parent, in the same append as the delete.
      const moved: CategoryEvent[] = children.map((child) => {
        checkNameAmongSiblings(state, child.name, category.parentId, [categoryId]);
        const { name, description } = child;
        return { type: 'CategoryUpdated', data: { organisationId, categoryId: child.categoryId, name, description, parentId: category.parentId, updatedAt: command.at } };
      });
      return [...moved, { type: 'CategoryDeleted', data: { organisationId, categoryId, deletedAt: command.at } }];
    }
  }
}

function evolve(state: CategoriesState, event: CategoryEvent): CategoriesState {
  switch (event.type) {
    case 'CategoryAdded': {
      const { organisationId: _organisationId, addedAt, ...fields } = event.data;
      return { categories: { ...state.categories, [fields.categoryId]: { ...fields, version: 1, createdAt: addedAt, updatedAt: addedAt, deleted: false } } };
    }
    case 'CategoryUpdated': {
      const { organisationId: _organisationId, updatedAt, ...fields } = event.data;
      const current = state.categories[fields.categoryId];
      if (!current) return state;
      return { categories: { ...state.categories, [fields.categoryId]: { ...current, ...fields, version: current.version + 1, updatedAt } } };
    }
    case 'CategoryDeleted': {
      const current = state.categories[event.data.categoryId];
      if (!current) return state;
      return { categories: { ...state.categories, [current.categoryId]: { ...current, version: current.version + 1, updatedAt: event.data.deletedAt, deleted: true } } };
    }
  }
}

export const categoryDecider: Decider<CategoryCommand, CategoryEvent, CategoriesState> = {
  decide,
  evolve,
  initialState: { categories: {} },
  events: CategoryEvents,
};
