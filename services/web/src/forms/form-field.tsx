import { Input, type InputProps } from 'antd';
import type { FieldValues } from 'react-hook-form';
import { ControlledItem, type ControlledItemProps } from './controlled-item';

type NativeInputProps = Pick<InputProps, 'autoComplete' | 'autoFocus' | 'disabled' | 'inputMode' | 'maxLength' | 'placeholder'>;

interface FormFieldProps<T extends FieldValues, TOut> extends ControlledItemProps<T, TOut>, NativeInputProps {
  password?: boolean;
  /** A text area that grows with the text (a description). */
  multiline?: boolean;
}

/** A labelled text input bound to react-hook-form; its error (client or server) shows under it. A password is never shown as text. */
export function FormField<T extends FieldValues, TOut>({ control, name, label, required, extra, hint, password, multiline, disabled, ...rest }: FormFieldProps<T, TOut>) {
  // Not disabled here leaves it to the form: a read-only card disables every input.
  const inputProps = { ...rest, disabled: disabled || undefined };
  return (
    <ControlledItem control={control} name={name} label={label} required={required} extra={extra} hint={hint} text={(value) => (password ? null : (value as string))}>
      {(field, { id }) =>
        multiline ? (
          <Input.TextArea id={id} {...field} {...inputProps} autoSize={{ minRows: 2, maxRows: 6 }} />
        ) : password ? (
          <Input.Password id={id} {...field} {...inputProps} />
        ) : (
          <Input id={id} {...field} {...inputProps} />
        )
      }
    </ControlledItem>
  );
}
