import { AccessTokenResponse, InvitationAcceptRequest, InvitationView } from '@elk/contracts';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { apiJson } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { startSession } from '../api/session';
import { formatPhone } from '../format-phone';
import { FormField } from '../forms/form-field';
import { ProblemAlert } from '../forms/problem-alert';
import { useFormProblem } from '../forms/use-form-problem';
import { VerticalForm } from '../forms/vertical-form';
import { HOME_PATH, LOGIN_PATH, PASSWORD_RESET_PATH } from '../routes';
import { LoadFailed } from '../shell/load-failed';
import { AuthCard } from './auth-card';

const FIELDS = ['newPassword', 'newPasswordRepeat'] as const;

/** Why the link cannot set a password (unknown, replaced, used, expired or cut short), in the server's words; null for any other failure. */
function unusableReason(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const { code, errors, detail } = error.problem;
  const aboutToken = errors?.find((fieldError) => fieldError.path === 'token');
  if (code.startsWith('INVITATION_') || aboutToken) return aboutToken?.message ?? detail ?? error.message;
  return null;
}

/**
 * «Задайте пароль», opened from the SMS of «Пригласить в кабинет» (`/invitation#<token>`): greets the employee with
 * their login, sets the password with the sign-up rules and signs them in. A link that no longer works gets a page
 * saying why and what to do.
 */
export function InvitationPage() {
  const { t } = useTranslation();
  const token = useLocation().hash.slice(1);
  const check = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => apiJson('/auth/invitation/check', InvitationView, { method: 'POST', body: { token }, anonymous: true }),
    retry: false,
    staleTime: Infinity,
  });
  const [refusal, setRefusal] = useState<string | null>(null);
  const reason = refusal ?? unusableReason(check.error);

  if (reason !== null) return <UnusableInvitation reason={reason} />;
  return (
    <AuthCard title={t('invitation.title')}>
      {check.isPending ? (
        <Flex vertical align="center" gap="small">
          <Spin />
          <Typography.Text>{t('invitation.checking')}</Typography.Text>
        </Flex>
      ) : check.isError ? (
        <LoadFailed error={check.error} onRetry={() => void check.refetch()} />
      ) : (
        <SetPasswordForm token={token} invitation={check.data} onRefused={setRefusal} />
      )}
    </AuthCard>
  );
}

function SetPasswordForm({ token, invitation, onRefused }: { token: string; invitation: InvitationView; onRefused: (reason: string) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { control, handleSubmit, setError, formState } = useForm({
    resolver: zodResolver(InvitationAcceptRequest),
    defaultValues: { token, newPassword: '', newPasswordRepeat: '' },
  });
  const { problem, report, clear } = useFormProblem(setError, FIELDS);

  const onSubmit = handleSubmit(async (body) => {
    clear();
    try {
      startSession(await apiJson('/auth/invitation/accept', AccessTokenResponse, { method: 'POST', body, anonymous: true }));
      void navigate(HOME_PATH, { replace: true });
    } catch (error) {
      const reason = unusableReason(error);
      if (reason === null) report(error);
      else onRefused(reason);
    }
  });

  return (
    <>
      <Typography.Paragraph>{t('invitation.greeting', { name: invitation.fullName, phone: formatPhone(invitation.phone) })}</Typography.Paragraph>
      <ProblemAlert problem={problem} />
      <VerticalForm onSubmit={onSubmit}>
        <FormField control={control} name="newPassword" label={t('invitation.newPassword')} autoComplete="new-password" password autoFocus />
        <FormField control={control} name="newPasswordRepeat" label={t('invitation.newPasswordRepeat')} autoComplete="new-password" password />
        <Button type="primary" htmlType="submit" block loading={formState.isSubmitting}>
          {t('invitation.submit')}
        </Button>
      </VerticalForm>
    </>
  );
}

function UnusableInvitation({ reason }: { reason: string }) {
  const { t } = useTranslation();
  return (
    <AuthCard title={t('invitation.unusableTitle')}>
      <Alert type="warning" showIcon title={reason} description={t('invitation.whatToDo')} style={{ marginBottom: 16 }} />
      <Flex justify="space-between">
        <Link to={PASSWORD_RESET_PATH}>{t('invitation.restorePassword')}</Link>
        <Link to={LOGIN_PATH}>{t('invitation.toLogin')}</Link>
      </Flex>
    </AuthCard>
  );
}
