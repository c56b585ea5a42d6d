import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { userMessageOf } from '../api/api-error';

/** «Не удалось загрузить данные», why, and «Повторить». */
export function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Result status="warning" title={t('errors.loadFailed')} subTitle={userMessageOf(error)} extra={<Button onClick={onRetry}>{t('errors.retry')}</Button>} />
  );
}
