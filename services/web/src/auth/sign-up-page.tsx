import { enteredPassword, SignUpRequest, SignUpResponse } from '@elk/contracts';
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Typography } from 'antd';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useIdempotentWrite } from '../api/idempotent-write';
import { startSession } from '../api/session';
import { FormField } from '../forms/form-field';
import { ProblemAlert } from '../forms/problem-alert';
import { useFormProblem } from '../forms/use-form-problem';
import { VerticalForm } from '../forms/vertical-form';
import { i18n } from '../i18n/i18n';
import { HOME_PATH, LOGIN_PATH } from '../routes';
import { AuthCard } from './auth-card';
import { TextLink } from '../shell/text-link';

/** The server's SignUpRequest plus the repeated password, which only the browser checks. */
const SignUpForm = SignUpRequest.extend({ passwordRepeat: enteredPassword }).superRefine((form, ctx) => {
  if (form.password !== form.passwordRepeat) {
    ctx.addIssue({ code: 'custom', path: ['passwordRepeat'], message: i18n.t('common.passwordsDiffer') });
  }
});

const FIELDS = ['organisationName', 'fullName', 'phone', 'email', 'password'] as const;

export function SignUpPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { control, handleSubmit, setError, formState } = useForm({
    resolver: zodResolver(SignUpForm),
    defaultValues: { organisationName: '', fullName: '', phone: '', email: '', password: '', passwordRepeat: '' },
  });
  const { problem, report, clear } = useFormProblem(setError, FIELDS);
  const write = useIdempotentWrite();

  const onSubmit = handleSubmit(async ({ passwordRepeat: _, ...body }) => {
    clear();
    try {
      startSession(await write('/auth/sign-up', { method: 'POST', body, anonymous: true }, SignUpResponse));
      void navigate(HOME_PATH, { replace: true });
    } catch (error) {
      report(error);
    }
  });

  return (
    <AuthCard title={t('signUp.title')}>
      <ProblemAlert problem={problem} />
      <VerticalForm onSubmit={onSubmit}>
        <FormField control={control} name="organisationName" label={t('signUp.organisationName')} autoComplete="organization" autoFocus />
        <FormField control={control} name="fullName" label={t('signUp.fullName')} autoComplete="name" />
        <FormField control={control} name="phone" label={t('signUp.phone')} autoComplete="tel" inputMode="tel" placeholder="+7 900 000-00-00" />
        <FormField control={control} name="email" label={t('signUp.email')} autoComplete="email" inputMode="email" placeholder="ivan@example.ru" />
        <FormField control={control} name="password" label={t('signUp.password')} autoComplete="new-password" password />
        <FormField control={control} name="passwordRepeat" label={t('signUp.passwordRepeat')} autoComplete="new-password" password />
        <Button type="primary" htmlType="submit" block loading={formState.isSubmitting}>
          {t('signUp.submit')}
        </Button>
      </VerticalForm>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
        {t('signUp.haveAccount')} <TextLink to={LOGIN_PATH}>{t('signUp.login')}</TextLink>
      </Typography.Paragraph>
    </AuthCard>
  );
}
