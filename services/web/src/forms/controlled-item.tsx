import { Form } from 'antd';
import { useId, type ReactNode } from 'react';
import { Controller, type Control, type ControllerRenderProps, type FieldValues, type Path } from 'react-hook-form';

export interface ControlledItemProps<T extends FieldValues, TOut> {
  control: Control<T, unknown, TOut>;
  name: Path<T>;
  label: string;
  /** Marks the label with an asterisk; true unless the field may stay empty. */
  required?: boolean;
  /** A hint under the field, shown along with any error. */
  extra?: ReactNode;
}

interface Props<T extends FieldValues, TOut> extends ControlledItemProps<T, TOut> {
  /** The input, given the field's value and handlers, the id its label points to, and whether it is in error. */
  children: (field: ControllerRenderProps<T, Path<T>>, input: { id: string; status: 'error' | undefined }) => ReactNode;
}

/** A labelled antd form item bound to react-hook-form; its error (client or server) shows under it. */
export function ControlledItem<T extends FieldValues, TOut>({ control, name, label, required = true, extra, children }: Props<T, TOut>) {
  const id = useId();
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
          {children(field, { id, status: fieldState.error ? 'error' : undefined })}
        </Form.Item>
      )}
    />
  );
}
