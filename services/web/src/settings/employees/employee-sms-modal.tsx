import type { EmployeeView } from '@elk/contracts';
import { Alert, App, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { userMessageOf } from '../../api/api-error';
import { formatPhone } from '../../format-phone';
import { useInviteEmployee, useSendEmployeePin } from './employees-api';

/** What goes to the employee by SMS: a new PIN-code (⋮ → «Отправить новый PIN-код») or an invitation to the cabinet. */
export type EmployeeSms = 'pin' | 'invitation';

const TEXTS = {
  pin: { title: 'employees.sendPinTitle', text: 'employees.sendPinText', submit: 'employees.sendPinSubmit', sent: 'employees.pinSent' },
  invitation: { title: 'employees.inviteTitle', text: 'employees.inviteText', submit: 'employees.inviteSubmit', sent: 'employees.invited' },
} as const;

/** The confirm card before an SMS to an employee: to whom and to which number it goes; a refusal stays in the card. */
export function EmployeeSmsModal({ sms, employee, onClose }: { sms: EmployeeSms; employee: EmployeeView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const sendPin = useSendEmployeePin();
  const invite = useInviteEmployee();
  const send = sms === 'pin' ? sendPin : invite;
  const texts = TEXTS[sms];
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
      void message.success(t(texts.sent, { phone: formatPhone(sent.phone) }));
      close();
    } catch (error) {
      setFailure(userMessageOf(error));
    }
  };

  return (
    <Modal
      open={employee !== null}
      title={t(texts.title)}
      onCancel={close}
      onOk={() => void confirm()}
      okText={t(texts.submit)}
      okButtonProps={{ loading: send.isPending }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      {employee && <Typography.Paragraph>{t(texts.text, { name: employee.fullName, phone: formatPhone(employee.phone) })}</Typography.Paragraph>}
    </Modal>
  );
}
