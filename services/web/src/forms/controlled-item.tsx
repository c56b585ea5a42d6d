import { Form } from 'antd';
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
}

/** A labelled antd form item bound to react-hook-form; its error (client or server) shows under it. */
export function ControlledItem<T extends FieldValues, TOut>({ control, name, label, required = true, extra, hint, children }: Props<T, TOut>) {
  const id = useId();
  const readOnly = useContext(ReadOnlyFormContext);
  const shownHint = readOnly ? undefined : hint;
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
          extra={extra || shownHint ? (
            <>
              {extra}
              {shownHint}
            </>
          ) : undefined}
        >
          {children(field, { id, status: fieldState.error ? 'error' : undefined })}
        </Form.Item>
      )}
    />
  );
}
