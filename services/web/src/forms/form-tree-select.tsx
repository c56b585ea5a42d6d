import { TreeSelect, type TreeSelectProps } from 'antd';
import type { ReactNode } from 'react';
import type { FieldValues } from 'react-hook-form';
import { ControlledItem, type ControlledItemProps } from './controlled-item';

interface FormTreeSelectProps<T extends FieldValues, TOut> extends ControlledItemProps<T, TOut> {
  treeData: NonNullable<TreeSelectProps['treeData']>;
  placeholder?: string;
}

type TreeNode = NonNullable<TreeSelectProps['treeData']>[number];

/** The title of the node holding `value`, searched through the whole tree. */
function titleOf(nodes: readonly TreeNode[], value: unknown): ReactNode {
  for (const node of nodes) {
    if (node.value === value) return node.title as ReactNode;
    const found = titleOf(node.children ?? [], value);
    if (found !== undefined) return found;
  }
  return undefined;
}

function spokenTree(nodes: readonly TreeNode[]): TreeNode[] {
  return nodes.map((node) => ({ ...node, id: node.value, value: String(node.title), children: spokenTree(node.children ?? []) }));
}

/**
 * The `treeData` and `fieldNames` of any TreeSelect whose values are ids (a list's category filter too): rc-tree-select
 * reads out the highlighted node's `value` property to screen readers (its live region ignores fieldNames), so that
 * property holds the title and the id moves to `id`.
 */
export function spokenTreeProps(treeData: readonly TreeNode[]): Pick<TreeSelectProps, 'treeData' | 'fieldNames'> {
  return { treeData: spokenTree(treeData), fieldNames: { label: 'title', value: 'id', children: 'children' } };
}

/** A labelled pick from a tree (a parent category), searchable and clearable, bound to react-hook-form. */
export function FormTreeSelect<T extends FieldValues, TOut>({ treeData, placeholder, ...item }: FormTreeSelectProps<T, TOut>) {
  return (
    <ControlledItem {...item} text={(value) => titleOf(treeData, value)}>
      {(field, { id, status }) => (
        <TreeSelect
          id={id}
          ref={field.ref}
          value={(field.value as string | null | undefined) ?? undefined}
          onChange={(value: string | undefined) => field.onChange(value ?? null)}
          onBlur={field.onBlur}
          {...spokenTreeProps(treeData)}
          treeDefaultExpandAll
          showSearch
          treeNodeFilterProp="title"
          allowClear
          placeholder={placeholder}
          status={status}
        />
      )}
    </ControlledItem>
  );
}
