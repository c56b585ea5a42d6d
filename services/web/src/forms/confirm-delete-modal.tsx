import { Alert, App, Modal, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, userMessageOf } from '../api/api-error';

interface ConfirmDeleteModalProps {
  open: boolean;
  /** «Удалить …?» */
  title: string;
  okText: string;
  /** What is about to go: its name and what tells it apart. */
  description: ReactNode;
  pending: boolean;
  /** The delete waits for a choice in the card (a replacement, say). */
  okDisabled?: boolean;
  /** Sends the delete (with the version the user saw); a refusal is shown inside the card. */
  onDelete: () => Promise<void>;
  deletedMessage: string;
  /** Shown when someone else changed it meanwhile (409 VERSION_CONFLICT). */
  conflictMessage: string;
  onClose: () => void;
  onDeleted?: () => void;
}

/** The confirm card before every delete: the title, what goes, Отмена / a red Удалить. */
export function ConfirmDeleteModal(props: ConfirmDeleteModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [failure, setFailure] = useState<string | null>(null);

  const close = () => {
    setFailure(null);
    props.onClose();
  };

  const confirm = async () => {
    setFailure(null);
    try {
      await props.onDelete();
      void message.success(props.deletedMessage);
      close();
      props.onDeleted?.();
    } catch (error) {
      setFailure(error instanceof ApiError && error.problem.code === 'VERSION_CONFLICT' ? props.conflictMessage : userMessageOf(error));
    }
  };

  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={close}
      onOk={() => void confirm()}
      okText={props.okText}
      okButtonProps={{ danger: true, loading: props.pending, disabled: props.okDisabled }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      {props.open && <Typography.Paragraph>{props.description}</Typography.Paragraph>}
    </Modal>
  );
}
