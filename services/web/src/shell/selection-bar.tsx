import { CloseOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Above a list with ticked rows: «Выбрано: N», the bulk actions, «Снять выделение». */
export function SelectionBar({ count, onClear, children }: { count: number; onClear: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <Flex
      role="toolbar"
      aria-label={t('bulk.toolbar')}
      gap="small"
      wrap
      align="center"
      style={{ padding: '8px 12px', background: 'rgba(22, 119, 255, 0.06)', borderRadius: 8 }}
    >
      <Typography.Text strong data-testid="selected-count">
        {t('bulk.selected', { count })}
      </Typography.Text>
      {children}
      <Button type="link" icon={<CloseOutlined />} onClick={onClear}>
        {t('bulk.clear')}
      </Button>
    </Flex>
  );
}
