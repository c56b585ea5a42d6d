import { Select } from 'antd';
import type { FieldValues } from 'react-hook-form';
import { ControlledItem, type ControlledItemProps } from './controlled-item';

interface FormSelectProps<T extends FieldValues, TOut> extends Omit<ControlledItemProps<T, TOut>, 'required' | 'extra'> {
  options: ReadonlyArray<{ value: string; label: string }>;
  placeholder?: string;
  /** Shown but not changeable (a value the user may see and not choose). */
  disabled?: boolean;
}

/** A labelled select bound to react-hook-form; its error (client or server) shows under it. */
export function FormSelect<T extends FieldValues, TOut>({ options, placeholder, disabled, ...item }: FormSelectProps<T, TOut>) {
  return (
    <ControlledItem {...item}>
      {(field, { id, status }) => (
        <Select
          id={id}
          ref={field.ref}
          value={field.value as string | undefined}
          onChange={field.onChange}
          onBlur={field.onBlur}
          options={options.map(({ value, label: text }) => ({ value, label: text, title: text }))}
          placeholder={placeholder}
          disabled={disabled}
          status={status}
        />
      )}
    </ControlledItem>
  );
}
