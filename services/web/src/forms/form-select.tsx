import { Form, Select } from 'antd';
import { useId } from 'react';
import { Controller, type Control, type FieldValues, type Path } from 'react-hook-form';

interface FormSelectProps<T extends FieldValues, TOut> {
  control: Control<T, unknown, TOut>;
  name: Path<T>;
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  placeholder?: string;
  /** Shown but not changeable (a value the user may see and not choose). */
  disabled?: boolean;
}

/** A labelled select bound to react-hook-form; its error (client or server) shows under it. */
export function FormSelect<T extends FieldValues, TOut>({ control, name, label, options, placeholder, disabled }: FormSelectProps<T, TOut>) {
  const id = useId();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Form.Item label={label} htmlFor={id} required validateStatus={fieldState.error ? 'error' : undefined} help={fieldState.error?.message}>
          <Select
            id={id}
            ref={field.ref}
            value={field.value as string | undefined}
            onChange={field.onChange}
            onBlur={field.onBlur}
            options={options.map(({ value, label: text }) => ({ value, label: text, title: text }))}
            placeholder={placeholder}
            disabled={disabled}
            status={fieldState.error ? 'error' : undefined}
          />
        </Form.Item>
      )}
    />
  );
}
