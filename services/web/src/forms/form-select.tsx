import { Flex, Select, Typography } from 'antd';
import type { FieldValues } from 'react-hook-form';
import { ControlledItem, type ControlledItemProps } from './controlled-item';

/** A choice of the select; a description shows under its label in the open list. */
export interface FormSelectOption {
  value: string;
  label: string;
  description?: string;
}

interface FormSelectProps<T extends FieldValues, TOut> extends ControlledItemProps<T, TOut> {
  options: readonly FormSelectOption[];
  placeholder?: string;
  /** Shown but not changeable (a value the user may see and not choose); a read-only card disables it anyway. */
  disabled?: boolean;
  /** A long list: typing filters it by label. */
  searchable?: boolean;
  /** The field may be emptied (it becomes null). */
  clearable?: boolean;
}

/** A labelled select bound to react-hook-form; its error (client or server) shows under it. */
export function FormSelect<T extends FieldValues, TOut>({ options, placeholder, disabled, searchable, clearable, ...item }: FormSelectProps<T, TOut>) {
  const described = options.some(({ description }) => description !== undefined);
  return (
    <ControlledItem {...item} text={(value) => options.find((option) => option.value === value)?.label}>
      {(field, { id, status }) => (
        <Select
          id={id}
          ref={field.ref}
          value={field.value as string | undefined}
          onChange={(value: string | undefined) => field.onChange(value ?? null)}
          onBlur={field.onBlur}
          options={options.map(({ value, label: text, description }) => ({ value, label: text, title: text, description }))}
          optionRender={
            described
              ? ({ data }) => (
                  <Flex vertical>
                    <span>{data.label}</span>
                    {data.description && (
                      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>
                        {data.description}
                      </Typography.Text>
                    )}
                  </Flex>
                )
              : undefined
          }
          placeholder={placeholder}
          disabled={disabled || undefined}
          showSearch={searchable ? { optionFilterProp: 'label' } : undefined}
          allowClear={clearable}
          status={status}
        />
      )}
    </ControlledItem>
  );
}
