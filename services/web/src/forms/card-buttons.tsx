import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';

/** The foot of a card's form: Отмена, and the blue submit button (spinning while the card is sent). */
export function CardButtons({ onCancel, submitLabel, submitting }: { onCancel: () => void; submitLabel: string; submitting: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex justify="end" gap="small">
      <Button onClick={onCancel}>{t('common.cancel')}</Button>
      <Button type="primary" htmlType="submit" loading={submitting}>
        {submitLabel}
      </Button>
    </Flex>
  );
}
