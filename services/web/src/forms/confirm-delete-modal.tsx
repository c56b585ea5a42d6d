import { Alert, App, Modal, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isNoAnswer } from '../api/api-client';
import { ApiError, userMessageOf } from '../api/api-error';
import { OfflineAlert } from './offline-alert';

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

/**
 * The confirm card before every delete: the title, what goes, Отмена / a red Удалить. With no answer it offers
 * «Повторить», the same request again (its Idempotency-Key too: a delete that went through is answered as done).
 */
export function ConfirmDeleteModal(props: ConfirmDeleteModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [failure, setFailure] = useState<string | null>(null);
  const [offline, setOffline] = useState(false);

  const close = () => {
    setFailure(null);
    setOffline(false);
    props.onClose();
  };

  const confirm = async () => {
    setFailure(null);
    setOffline(false);
    try {
      await props.onDelete();
      void message.success(props.deletedMessage);
      close();
      props.onDeleted?.();
    } catch (error) {
      if (isNoAnswer(error)) setOffline(true);
      else setFailure(error instanceof ApiError && error.problem.code === 'VERSION_CONFLICT' ? props.conflictMessage : userMessageOf(error));
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
      {offline && <OfflineAlert onRetry={() => void confirm()} retrying={props.pending} />}
      {props.open && <Typography.Paragraph>{props.description}</Typography.Paragraph>}
    </Modal>
  );
}
