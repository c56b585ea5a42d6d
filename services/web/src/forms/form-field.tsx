import { Form, Input, type InputProps } from 'antd';
import { useId, type ReactNode } from 'react';
import { Controller, type Control, type FieldValues, type Path } from 'react-hook-form';

type NativeInputProps = Pick<InputProps, 'autoComplete' | 'autoFocus' | 'disabled' | 'inputMode' | 'maxLength' | 'placeholder'>;

interface FormFieldProps<T extends FieldValues, TOut> extends NativeInputProps {
  control: Control<T, unknown, TOut>;
  name: Path<T>;
  label: string;
  password?: boolean;
  /** Marks the label with an asterisk; true unless the field may stay empty. */
  required?: boolean;
  /** A hint under the field, shown along with any error. */
  extra?: ReactNode;
}

/** A labelled text input bound to react-hook-form; its error (client or server) shows under it. */
export function FormField<T extends FieldValues, TOut>({ control, name, label, password, required = true, extra, ...inputProps }: FormFieldProps<T, TOut>) {
  const id = useId();
  const TextInput = password ? Input.Password : Input;
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Form.Item
          label={label}
          htmlFor={id}
          required={required}
          validateStatus={fieldState.error ? 'error' : undefined}
          help={fieldState.error?.message}
          extra={extra}
        >
          <TextInput id={id} {...field} {...inputProps} />
        </Form.Item>
      )}
    />
  );
}
