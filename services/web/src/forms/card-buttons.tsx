import { Button, ConfigProvider, Flex } from 'antd';
import { useTranslation } from 'react-i18next';

interface CardButtonsProps {
  onCancel: () => void;
  submitLabel: string;
  submitting: boolean;
  /** A read-only card has only «Закрыть» (kept enabled inside the disabled form). */
  readOnly?: boolean;
}

/** The foot of a card's form: Отмена, and the blue submit button (spinning while the card is sent); «Закрыть» when read-only. */
export function CardButtons({ onCancel, submitLabel, submitting, readOnly = false }: CardButtonsProps) {
  const { t } = useTranslation();
  if (readOnly) {
    return (
      <ConfigProvider componentDisabled={false}>
        <Flex justify="end">
          <Button onClick={onCancel}>{t('common.close')}</Button>
        </Flex>
      </ConfigProvider>
    );
  }
  return (
    <Flex justify="end" gap="small">
      <Button onClick={onCancel}>{t('common.cancel')}</Button>
      <Button type="primary" htmlType="submit" loading={submitting}>
        {submitLabel}
      </Button>
    </Flex>
  );
}
