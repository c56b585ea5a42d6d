import type { EmployeeView } from '@elk/contracts';
import { Alert, App, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { userMessageOf } from '../../api/api-error';
import { formatPhone } from '../../format-phone';
import { useSendEmployeePin } from './employees-api';

/** The confirm card of ⋮ → «Отправить новый PIN-код»: to whom and to which number the SMS goes. */
export function SendPinModal({ employee, onClose }: { employee: EmployeeView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const send = useSendEmployeePin();
  const [failure, setFailure] = useState<string | null>(null);

  const close = () => {
    setFailure(null);
    onClose();
  };

  const confirm = async () => {
    if (!employee) return;
    setFailure(null);
    try {
      const sent = await send.mutateAsync(employee.id);
      void message.success(t('employees.pinSent', { phone: formatPhone(sent.phone) }));
      close();
    } catch (error) {
      setFailure(userMessageOf(error));
    }
  };

  return (
    <Modal
      open={employee !== null}
      title={t('employees.sendPinTitle')}
      onCancel={close}
      onOk={() => void confirm()}
      okText={t('employees.sendPinSubmit')}
      okButtonProps={{ loading: send.isPending }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      {employee && <Typography.Paragraph>{t('employees.sendPinText', { name: employee.fullName, phone: formatPhone(employee.phone) })}</Typography.Paragraph>}
    </Modal>
  );
}
