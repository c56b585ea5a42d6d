import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';

/** «Нет связи с сервером» in a card, with «Повторить», which sends the same request again. */
export function OfflineAlert({ onRetry, retrying }: { onRetry: () => void; retrying: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('errors.offline')}
      description={t('errors.offlineText')}
      action={
        <Button size="small" onClick={onRetry} loading={retrying}>
          {t('errors.retry')}
        </Button>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
