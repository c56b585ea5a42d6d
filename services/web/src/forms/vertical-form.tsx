import { Form } from 'antd';
import type { FormEventHandler, ReactNode } from 'react';

interface VerticalFormProps {
  onSubmit: FormEventHandler<HTMLFormElement>;
  /** A read-only card: every input is shown disabled and nothing is submitted. */
  readOnly?: boolean;
  children: ReactNode;
}

/** A native form (submitted through react-hook-form) that lays antd Form.Items out vertically. */
export function VerticalForm({ onSubmit, readOnly = false, children }: VerticalFormProps) {
  return (
    <form onSubmit={readOnly ? (event) => event.preventDefault() : onSubmit} noValidate>
      <Form layout="vertical" component={false} disabled={readOnly}>
        {children}
      </Form>
    </form>
  );
}
