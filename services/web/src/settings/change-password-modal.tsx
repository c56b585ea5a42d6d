import { ChangePasswordRequest } from '@elk/contracts';
import { zodResolver } from '@hookform/resolvers/zod';
import { App, Button, Flex, Modal } from 'antd';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../api/api-client';
import { FormField } from '../forms/form-field';
import { ProblemAlert } from '../forms/problem-alert';
import { useFormProblem } from '../forms/use-form-problem';
import { VerticalForm } from '../forms/vertical-form';

const FIELDS = ['oldPassword', 'newPassword', 'newPasswordRepeat'] as const;

/** The «Смена пароля» card; its form is rebuilt empty each time the card opens. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open={open} title={t('changePassword.title')} onCancel={onClose} footer={null} destroyOnHidden>
      <ChangePasswordForm onDone={onClose} />
    </Modal>
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
        <Flex justify="end" gap="small">
          <Button onClick={onDone}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={formState.isSubmitting}>
            {t('common.save')}
          </Button>
        </Flex>
      </VerticalForm>
    </>
  );
}
