import { AccessTokenResponse, LoginRequest } from '@elk/contracts';
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Flex, Typography } from 'antd';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { apiJson } from '../api/api-client';
import { startSession } from '../api/session';
import { FormField } from '../forms/form-field';
import { ProblemAlert } from '../forms/problem-alert';
import { useFormProblem } from '../forms/use-form-problem';
import { VerticalForm } from '../forms/vertical-form';
import { HOME_PATH, PASSWORD_RESET_PATH, SIGN_UP_PATH } from '../routes';
import { AuthCard } from './auth-card';

const FIELDS = ['login', 'password'] as const;

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from;
  const { control, handleSubmit, setError, formState } = useForm({
    resolver: zodResolver(LoginRequest),
    defaultValues: { login: '', password: '' },
  });
  const { problem, report, clear } = useFormProblem(setError, FIELDS);

  const onSubmit = handleSubmit(async (body) => {
    clear();
    try {
      startSession(await apiJson('/auth/login', AccessTokenResponse, { method: 'POST', body, anonymous: true }));
      void navigate(from ?? HOME_PATH, { replace: true });
    } catch (error) {
      report(error);
    }
  });

  return (
    <AuthCard title={t('login.title')}>
      <ProblemAlert problem={problem} />
      <VerticalForm onSubmit={onSubmit}>
        <FormField control={control} name="login" label={t('login.login')} autoComplete="username" autoFocus />
        <FormField control={control} name="password" label={t('login.password')} autoComplete="current-password" password />
        <Button type="primary" htmlType="submit" block loading={formState.isSubmitting}>
          {t('login.submit')}
        </Button>
      </VerticalForm>
      <Flex justify="space-between" style={{ marginTop: 16 }}>
        <Link to={PASSWORD_RESET_PATH}>{t('login.restorePassword')}</Link>
        <Link to={SIGN_UP_PATH}>{t('login.signUp')}</Link>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        {t('login.employeesHint')}
      </Typography.Paragraph>
    </AuthCard>
  );
}
