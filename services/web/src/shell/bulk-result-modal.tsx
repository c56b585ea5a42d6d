import type { BulkRefusal, BulkResult } from '@elk/contracts';
import { Alert, Button, Flex, Modal, Table, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

const REFUSALS_PAGE_SIZE = 10;

/**
 * What a bulk action did: how many records it changed, and each one it refused with the reason. Shown after every
 * bulk action (products, employees, an undone import), until «Готово».
 */
export function BulkResultModal({ title, result, onClose }: { title: string; result: BulkResult | null; onClose: () => void }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<BulkRefusal> = [
    { key: 'name', title: t('bulk.name'), render: (_, { name }) => name ?? t('bulk.unknownName') },
    { key: 'reason', title: t('bulk.reason'), dataIndex: 'reason' },
  ];
  return (
    <Modal
      open={result !== null}
      title={title}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('bulk.done')}
        </Button>
      }
    >
      {result && (
        <Flex vertical gap="middle" data-testid="bulk-result">
          <Alert type={result.refused.length > 0 ? 'warning' : 'success'} showIcon title={t('bulk.summary', { applied: result.applied.length, refused: result.refused.length })} />
          {result.refused.length > 0 && (
            <Table<BulkRefusal>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={result.refused}
              pagination={result.refused.length > REFUSALS_PAGE_SIZE ? { pageSize: REFUSALS_PAGE_SIZE, showSizeChanger: false } : false}
              onRow={() => ({ 'data-testid': 'bulk-refusal' }) as HTMLAttributes<HTMLElement>}
            />
          )}
        </Flex>
      )}
    </Modal>
  );
}
