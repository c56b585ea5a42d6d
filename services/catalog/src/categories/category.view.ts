import type { CategoryView } from '@elk/contracts';
import type { CategoryRecord } from './category.decider';

export function categoryView({ categoryId, version, name, description, parentId, createdAt, updatedAt }: CategoryRecord): CategoryView {
  return { id: categoryId, version, name, description, parentId, createdAt, updatedAt };
}
