import { Form, Typography } from 'antd';
import { useContext, useId, type ReactNode } from 'react';
import { Controller, type Control, type ControllerRenderProps, type FieldValues, type Path } from 'react-hook-form';
import { ReadOnlyFormContext } from './vertical-form';

export interface ControlledItemProps<T extends FieldValues, TOut> {
  control: Control<T, unknown, TOut>;
  name: Path<T>;
  label: string;
  /** Marks the label with an asterisk; true unless the field may stay empty. */
  required?: boolean;
  /** What the field holds, under it, shown along with any error. */
  extra?: ReactNode;
  /** How to fill the field in, under it; not shown in a read-only card. */
  hint?: ReactNode;
}

interface Props<T extends FieldValues, TOut> extends ControlledItemProps<T, TOut> {
  /** The input, given the field's value and handlers, the id its label points to, and whether it is in error. */
  children: (field: ControllerRenderProps<T, Path<T>>, input: { id: string; status: 'error' | undefined }) => ReactNode;
  /** What a read-only card shows instead of the input: the value as text (empty: «—»). */
  text: (value: unknown) => ReactNode;
}

/**
 * A labelled antd form item bound to react-hook-form; its error (client or server) shows under it. In a read-only card
 * it shows the value as text under its label: no input, no asterisk, no hint on how to type it.
 */
export function ControlledItem<T extends FieldValues, TOut>({ control, name, label, required = true, extra, hint, children, text }: Props<T, TOut>) {
  const id = useId();
  const readOnly = useContext(ReadOnlyFormContext);
  const shownExtra = extra || (!readOnly && hint) ? (
    <>
      {extra}
      {readOnly ? undefined : hint}
    </>
  ) : undefined;
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) =>
        readOnly ? (
          <Form.Item label={label} extra={shownExtra}>
            <Typography.Text data-testid="read-only-value" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {present(text(field.value))}
            </Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item
            label={label}
            htmlFor={id}
            required={required}
            validateStatus={fieldState.error ? 'error' : undefined}
            help={fieldState.error?.message}
            extra={shownExtra}
          >
            {children(field, { id, status: fieldState.error ? 'error' : undefined })}
          </Form.Item>
        )
      }
    />
  );
}

/** An empty value reads «—». */
function present(shown: ReactNode): ReactNode {
  return shown === null || shown === undefined || shown === '' ? '—' : shown;
}
