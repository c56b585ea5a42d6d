import { Form } from 'antd';
import { createContext, type FormEventHandler, type ReactNode } from 'react';

/** Whether the card around a field is read-only: fields show their values as text, without hints on filling them in. */
export const ReadOnlyFormContext = createContext(false);

interface VerticalFormProps {
  onSubmit: FormEventHandler<HTMLFormElement>;
  /** A read-only card: every field shows its value as text and nothing is submitted. */
  readOnly?: boolean;
  children: ReactNode;
}

/** A native form (submitted through react-hook-form) that lays antd Form.Items out vertically. */
export function VerticalForm({ onSubmit, readOnly = false, children }: VerticalFormProps) {
  return (
    <form onSubmit={readOnly ? (event) => event.preventDefault() : onSubmit} noValidate>
      <Form layout="vertical" component={false} disabled={readOnly}>
        <ReadOnlyFormContext value={readOnly}>{children}</ReadOnlyFormContext>
      </Form>
    </form>
  );
}
