import { ConfirmEmployeePhoneRequest } from '@elk/contracts';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App, Button, Flex } from 'antd';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../format-phone';
import { FormField } from '../../forms/form-field';
import { ProblemAlert } from '../../forms/problem-alert';
import { useFormProblem } from '../../forms/use-form-problem';
import { VerticalForm } from '../../forms/vertical-form';
import { useConfirmEmployeePhone } from './employees-api';

/** The phone is part of the request body but not a field here: its errors go to the alert. */
const FIELDS = ['code'] as const;

/** The step after saving a card with a new phone: the code sent to it, entered here, makes it the login. */
export function PhoneConfirmation({ employeeId, phone, onDone }: { employeeId: string; phone: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const confirm = useConfirmEmployeePhone();
  const { control, handleSubmit, setError, formState } = useForm({ resolver: zodResolver(ConfirmEmployeePhoneRequest), defaultValues: { phone, code: '' } });
  const { problem, report, clear } = useFormProblem(setError, FIELDS);

  const onSubmit = handleSubmit(async (body) => {
    clear();
    try {
      await confirm.mutateAsync({ id: employeeId, body });
      void message.success(t('employees.phoneConfirmed', { phone: formatPhone(phone) }));
      onDone();
    } catch (error) {
      report(error);
    }
  });

  return (
    <>
      <Alert type="info" showIcon title={t('employees.phoneChangeTitle')} description={t('employees.phoneCodeSent', { phone: formatPhone(phone) })} style={{ marginBottom: 16 }} />
      <ProblemAlert problem={problem} />
      <VerticalForm onSubmit={onSubmit}>
        <FormField control={control} name="code" label={t('employees.phoneCode')} autoComplete="one-time-code" inputMode="numeric" maxLength={6} autoFocus />
        <Flex justify="end" gap="small">
          <Button onClick={onDone}>{t('employees.phoneLater')}</Button>
          <Button type="primary" htmlType="submit" loading={formState.isSubmitting}>
            {t('employees.confirmPhone')}
          </Button>
        </Flex>
      </VerticalForm>
    </>
  );
}
