import type { CategoryView } from '@elk/contracts';
import type { TreeSelectProps } from 'antd';

/** A category with its subcategories, by name at every level. */
export interface CategoryNode {
  category: CategoryView;
  children: CategoryNode[];
}

/** The tree of a flat list; a category whose parent is not in the list shows at the top. */
export function categoryTree(categories: readonly CategoryView[]): CategoryNode[] {
  const nodes = new Map(categories.map((category) => [category.id, { category, children: [] as CategoryNode[] }]));
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.category.parentId === null ? undefined : nodes.get(node.category.parentId);
    (parent ? parent.children : roots).push(node);
  }
  const byName = (nodesAtLevel: CategoryNode[]): CategoryNode[] => {
    nodesAtLevel.sort((a, b) => a.category.name.localeCompare(b.category.name, 'ru'));
    for (const node of nodesAtLevel) byName(node.children);
    return nodesAtLevel;
  };
  return byName(roots);
}

/** The tree as a TreeSelect's choices; `disabledId` (a category being edited) is shown greyed out. */
export function categoryTreeOptions(nodes: readonly CategoryNode[], disabledId?: string): NonNullable<TreeSelectProps['treeData']> {
  return nodes.map(({ category, children }) => ({
    value: category.id,
    title: category.name,
    disabled: category.id === disabledId,
    children: categoryTreeOptions(children, disabledId),
  }));
}
