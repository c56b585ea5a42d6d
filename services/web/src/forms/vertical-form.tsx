import { Form } from 'antd';
import type { FormEventHandler, ReactNode } from 'react';

/** A native form (submitted through react-hook-form) that lays antd Form.Items out vertically. */
export function VerticalForm({ onSubmit, children }: { onSubmit: FormEventHandler<HTMLFormElement>; children: ReactNode }) {
  return (
    <form onSubmit={onSubmit} noValidate>
      <Form layout="vertical" component={false}>
        {children}
      </Form>
    </form>
  );
}
