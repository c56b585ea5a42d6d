import { ChangePasswordRequest } from '@elk/contracts';
import { zodResolver } from '@hookform/resolvers/zod';
import { App } from 'antd';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../api/api-client';
import { CardButtons } from '../forms/card-buttons';
import { CardModal, useUnsavedInput } from '../forms/card-modal';
import { FormField } from '../forms/form-field';
import { ProblemAlert } from '../forms/problem-alert';
import { useFormProblem } from '../forms/use-form-problem';
import { VerticalForm } from '../forms/vertical-form';

const FIELDS = ['oldPassword', 'newPassword', 'newPasswordRepeat'] as const;

/** The «Смена пароля» card; its form is rebuilt empty each time the card opens. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <CardModal open={open} title={t('changePassword.title')} onClose={onClose}>
      <ChangePasswordForm onDone={onClose} />
    </CardModal>
  );
}

function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { control, handleSubmit, setError, formState } = useForm({
    resolver: zodResolver(ChangePasswordRequest),
    defaultValues: { oldPassword: '', newPassword: '', newPasswordRepeat: '' },
  });
  const { problem, report, clear } = useFormProblem(setError, FIELDS);
  useUnsavedInput(formState.isDirty);

  const onSubmit = handleSubmit(async (body) => {
    clear();
    try {
      await apiCall('/me/password', { method: 'POST', body });
      void message.success(t('changePassword.done'));
      onDone();
    } catch (error) {
      report(error);
    }
  });

  return (
    <>
      <ProblemAlert problem={problem} />
      <VerticalForm onSubmit={onSubmit}>
        <FormField control={control} name="oldPassword" label={t('changePassword.oldPassword')} autoComplete="current-password" password autoFocus />
        <FormField control={control} name="newPassword" label={t('changePassword.newPassword')} autoComplete="new-password" password />
        <FormField control={control} name="newPasswordRepeat" label={t('changePassword.newPasswordRepeat')} autoComplete="new-password" password />
        <CardButtons submitLabel={t('common.save')} submitting={formState.isSubmitting} />
      </VerticalForm>
    </>
  );
}
