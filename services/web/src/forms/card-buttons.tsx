import { Button, ConfigProvider, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCloseCard } from './card-modal';

interface CardButtonsProps {
  submitLabel: string;
  submitting: boolean;
  /** A read-only card has only «Закрыть». */
  readOnly?: boolean;
}

/**
 * The foot of a card's form: Отмена (asking first when something was typed), and the blue submit button (spinning
 * while the card is sent); «Закрыть» when read-only.
 */
export function CardButtons({ submitLabel, submitting, readOnly = false }: CardButtonsProps) {
  const { t } = useTranslation();
  const close = useCloseCard();
  if (readOnly) {
    return (
      <ConfigProvider componentDisabled={false}>
        <Flex justify="end">
          <Button onClick={close}>{t('common.close')}</Button>
        </Flex>
      </ConfigProvider>
    );
  }
  return (
    <Flex justify="end" gap="small">
      <Button onClick={close}>{t('common.cancel')}</Button>
      <Button type="primary" htmlType="submit" loading={submitting}>
        {submitLabel}
      </Button>
    </Flex>
  );
}
