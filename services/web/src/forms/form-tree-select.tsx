import { TreeSelect, type TreeSelectProps } from 'antd';
import type { FieldValues } from 'react-hook-form';
import { ControlledItem, type ControlledItemProps } from './controlled-item';

interface FormTreeSelectProps<T extends FieldValues, TOut> extends ControlledItemProps<T, TOut> {
  treeData: NonNullable<TreeSelectProps['treeData']>;
  placeholder?: string;
}

/** A labelled pick from a tree (a parent category), searchable and clearable, bound to react-hook-form. */
export function FormTreeSelect<T extends FieldValues, TOut>({ treeData, placeholder, ...item }: FormTreeSelectProps<T, TOut>) {
  return (
    <ControlledItem {...item}>
      {(field, { id, status }) => (
        <TreeSelect
          id={id}
          ref={field.ref}
          value={(field.value as string | null | undefined) ?? undefined}
          onChange={(value: string | undefined) => field.onChange(value ?? null)}
          onBlur={field.onBlur}
          treeData={treeData}
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
