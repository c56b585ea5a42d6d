import { Alert, Flex, Table, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductImportError, ProductImportReport } from '@elk/contracts';

/** The gateway lists at most this many errors; the counts cover every row. */
const MAX_LISTED_ERRORS = 1000;
const ERRORS_PAGE_SIZE = 10;

/**
 * The counts of an import («Будет создано …» in a preview, «Создано …» after it) and every error of every bad row:
 * its line in the file, the column, the Russian message.
 */
export function ProductImportReportView({ report, applied }: { report: ProductImportReport; applied: boolean }) {
  const { t } = useTranslation();
  const counts = { created: report.created, updated: report.updated, unchanged: report.unchanged, invalid: report.invalid };
  const withNames = report.errors.some((error) => error.name !== undefined);
  const columns: TableColumnsType<ProductImportError> = [
    { key: 'line', title: t('products.import.line'), dataIndex: 'line', width: 80 },
    ...(withNames ? [{ key: 'name', title: t('products.import.name'), dataIndex: 'name' }] : []),
    { key: 'field', title: t('products.import.field'), render: (_, { field }) => field ?? t('products.import.wholeRow') },
    { key: 'message', title: t('products.import.message'), dataIndex: 'message' },
  ];

  return (
    <Flex vertical gap="small">
      <Alert
        type={report.invalid > 0 ? 'warning' : 'success'}
        showIcon
        title={<span data-testid="import-counts">{applied ? t('products.import.summary', counts) : t('products.import.preview', counts)}</span>}
      />
      {report.errors.length > 0 && (
        <>
          <Typography.Text strong>{t('products.import.errorsTitle')}</Typography.Text>
          <Table<ProductImportError>
            rowKey={(error) => `${error.line}:${error.field ?? ''}:${error.message}`}
            columns={columns}
            dataSource={report.errors}
            size="small"
            pagination={report.errors.length > ERRORS_PAGE_SIZE ? { pageSize: ERRORS_PAGE_SIZE, showSizeChanger: false } : false}
            onRow={() => ({ 'data-testid': 'import-error' }) as HTMLAttributes<HTMLElement>}
          />
          {report.errors.length >= MAX_LISTED_ERRORS && <Typography.Text type="secondary">{t('products.import.moreErrors', { shown: MAX_LISTED_ERRORS })}</Typography.Text>}
        </>
      )}
    </Flex>
  );
}
