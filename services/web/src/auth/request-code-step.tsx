import { PasswordResetRequest } from '@elk/contracts';
import { zodResolver } from '@hookform/resolvers/zod';
import { Button } from 'antd';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../api/api-client';
import { FormField } from '../forms/form-field';
import { ProblemAlert } from '../forms/problem-alert';
import { useFormProblem } from '../forms/use-form-problem';
import { VerticalForm } from '../forms/vertical-form';

const FIELDS = ['phone'] as const;

/** Reports the normalised phone (+7XXXXXXXXXX) once the server has accepted it (202). */
export function RequestCodeStep({ onSent }: { onSent: (phone: string) => void }) {
  const { t } = useTranslation();
  const { control, handleSubmit, setError, formState } = useForm({
    resolver: zodResolver(PasswordResetRequest),
    defaultValues: { phone: '' },
  });
  const { problem, report, clear } = useFormProblem(setError, FIELDS);

  const onSubmit = handleSubmit(async (body) => {
    clear();
    try {
      await apiCall('/auth/password-reset/request', { method: 'POST', body, anonymous: true });
      onSent(body.phone);
    } catch (error) {
      report(error);
    }
  });

  return (
    <>
      <ProblemAlert problem={problem} />
      <VerticalForm onSubmit={onSubmit}>
        <FormField control={control} name="phone" label={t('passwordReset.phone')} autoComplete="tel" inputMode="tel" placeholder="+7 900 000-00-00" autoFocus />
        <Button type="primary" htmlType="submit" block loading={formState.isSubmitting}>
          {t('passwordReset.requestCode')}
        </Button>
      </VerticalForm>
    </>
  );
}
