import { Select } from 'antd';
import type { FieldValues } from 'react-hook-form';
import { ControlledItem, type ControlledItemProps } from './controlled-item';

interface FormSelectProps<T extends FieldValues, TOut> extends ControlledItemProps<T, TOut> {
  options: ReadonlyArray<{ value: string; label: string }>;
  placeholder?: string;
  /** Shown but not changeable (a value the user may see and not choose). */
  disabled?: boolean;
  /** A long list: typing filters it by label. */
  searchable?: boolean;
  /** The field may be emptied (it becomes null). */
  clearable?: boolean;
}

/** A labelled select bound to react-hook-form; its error (client or server) shows under it. */
export function FormSelect<T extends FieldValues, TOut>({ options, placeholder, disabled, searchable, clearable, ...item }: FormSelectProps<T, TOut>) {
  return (
    <ControlledItem {...item}>
      {(field, { id, status }) => (
        <Select
          id={id}
          ref={field.ref}
          value={field.value as string | undefined}
          onChange={(value: string | undefined) => field.onChange(value ?? null)}
          onBlur={field.onBlur}
          options={options.map(({ value, label: text }) => ({ value, label: text, title: text }))}
          placeholder={placeholder}
          disabled={disabled}
          showSearch={searchable ? { optionFilterProp: 'label' } : undefined}
          allowClear={clearable}
          status={status}
        />
      )}
    </ControlledItem>
  );
}
