import type { EmployeeView } from '@elk/contracts';
import { Alert, App, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { userMessageOf } from '../../api/api-error';
import { formatPhone } from '../../format-phone';
import { useInviteEmployee } from './employees-api';

/** The confirm card of «Пригласить в кабинет» (⋮ menu or the employee's card): to whom and to which number the SMS goes. */
export function InviteModal({ employee, onClose }: { employee: EmployeeView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invite = useInviteEmployee();
  const [failure, setFailure] = useState<string | null>(null);

  const close = () => {
    setFailure(null);
    onClose();
  };

  const confirm = async () => {
    if (!employee) return;
    setFailure(null);
    try {
      const sent = await invite.mutateAsync(employee.id);
      void message.success(t('employees.invited', { phone: formatPhone(sent.phone) }));
      close();
    } catch (error) {
      setFailure(userMessageOf(error));
    }
  };

  return (
    <Modal
      open={employee !== null}
      title={t('employees.inviteTitle')}
      onCancel={close}
      onOk={() => void confirm()}
      okText={t('employees.inviteSubmit')}
      okButtonProps={{ loading: invite.isPending }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      {employee && <Typography.Paragraph>{t('employees.inviteText', { name: employee.fullName, phone: formatPhone(employee.phone) })}</Typography.Paragraph>}
    </Modal>
  );
}
