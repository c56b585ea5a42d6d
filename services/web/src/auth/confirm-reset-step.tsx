import { PasswordResetConfirm } from '@elk/contracts';
import { zodResolver } from '@hookform/resolvers/zod';
import { App, Button, Typography } from 'antd';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { apiCall } from '../api/api-client';
import { FormField } from '../forms/form-field';
import { ProblemAlert } from '../forms/problem-alert';
import { useFormProblem } from '../forms/use-form-problem';
import { VerticalForm } from '../forms/vertical-form';
import { formatPhone } from '../format-phone';
import { LOGIN_PATH } from '../routes';

/** The phone is part of the request body but not a field here: its errors go to the alert. */
const FIELDS = ['code', 'newPassword', 'newPasswordRepeat'] as const;

export function ConfirmResetStep({ phone, onChangePhone }: { phone: string; onChangePhone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { control, handleSubmit, setError, formState } = useForm({
    resolver: zodResolver(PasswordResetConfirm),
    defaultValues: { phone, code: '', newPassword: '', newPasswordRepeat: '' },
  });
  const { problem, report, clear } = useFormProblem(setError, FIELDS);

  const onSubmit = handleSubmit(async (body) => {
    clear();
    try {
      await apiCall('/auth/password-reset/confirm', { method: 'POST', body, anonymous: true });
      void message.success(t('passwordReset.done'));
      void navigate(LOGIN_PATH, { replace: true });
    } catch (error) {
      report(error);
    }
  });

  return (
    <>
      <Typography.Paragraph>
        {t('passwordReset.codeSent', { phone: formatPhone(phone) })}{' '}
        <Button type="link" onClick={onChangePhone} style={{ padding: 0, height: 'auto' }}>
          {t('passwordReset.changePhone')}
        </Button>
      </Typography.Paragraph>
      <ProblemAlert problem={problem} />
      <VerticalForm onSubmit={onSubmit}>
        <FormField control={control} name="code" label={t('passwordReset.code')} autoComplete="one-time-code" inputMode="numeric" maxLength={6} autoFocus />
        <FormField control={control} name="newPassword" label={t('passwordReset.newPassword')} autoComplete="new-password" password />
        <FormField control={control} name="newPasswordRepeat" label={t('passwordReset.newPasswordRepeat')} autoComplete="new-password" password />
        <Button type="primary" htmlType="submit" block loading={formState.isSubmitting}>
          {t('common.save')}
        </Button>
      </VerticalForm>
    </>
  );
}
