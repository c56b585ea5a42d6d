import { Input, type InputProps } from 'antd';
import type { FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ControlledItem, type ControlledItemProps } from './controlled-item';

type NativeInputProps = Pick<InputProps, 'autoComplete' | 'autoFocus' | 'disabled' | 'inputMode' | 'maxLength' | 'placeholder'>;

interface FormFieldProps<T extends FieldValues, TOut> extends ControlledItemProps<T, TOut>, NativeInputProps {
  password?: boolean;
  /** A text area that grows with the text (a description). */
  multiline?: boolean;
}

/** Texts at least this long (names, descriptions, addresses) say when they are full; short codes fill up by design. */
const LONG_TEXT = 100;

/**
 * A labelled text input bound to react-hook-form; its error (client or server) shows under it. A long text that
 * reaches its `maxLength` says so, since the input drops what is typed or pasted past it. A password is never shown
 * as text.
 */
export function FormField<T extends FieldValues, TOut>({ control, name, label, required, extra, hint, password, multiline, disabled, ...rest }: FormFieldProps<T, TOut>) {
  const { t } = useTranslation();
  const full = rest.maxLength !== undefined && rest.maxLength >= LONG_TEXT;
  // Not disabled here leaves it to the form: a read-only card disables every input.
  const inputProps = {
    ...rest,
    disabled: disabled || undefined,
    showCount: full ? { formatter: ({ count, maxLength }: { count: number; maxLength?: number }) => (count === maxLength ? t('common.textFull', { count }) : null) } : undefined,
  };
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
