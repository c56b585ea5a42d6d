import type { BulkResult, ProductImportReport } from '@elk/contracts';
import { UndoOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { userMessageOf } from '../../api/api-error';
import { BulkResultModal } from '../../shell/bulk-result-modal';
import { useUndoImport } from './product-files-api';

/**
 * «Отменить импорт» under a load's report: asks first (what goes, what comes back, what stays), then shows what was
 * undone and what not, and why. Once undone, the button says so.
 */
export function UndoImportButton({ report }: { report: ProductImportReport }) {
  const { t } = useTranslation();
  const undo = useUndoImport();
  const [asking, setAsking] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<BulkResult | null>(null);
  if (report.created + report.updated === 0) return null;

  const confirm = async () => {
    setFailure(null);
    try {
      setResult(await undo.mutateAsync(report.importId));
      setAsking(false);
    } catch (error) {
      setFailure(userMessageOf(error));
    }
  };

  return (
    <>
      <Button icon={<UndoOutlined />} disabled={undo.isSuccess} onClick={() => setAsking(true)}>
        {undo.isSuccess ? t('products.import.undone') : t('products.import.undo')}
      </Button>
      <Modal
        open={asking}
        title={t('products.import.undoTitle')}
        onCancel={() => setAsking(false)}
        onOk={() => void confirm()}
        okText={t('products.import.undo')}
        okButtonProps={{ danger: true, loading: undo.isPending }}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
        <Typography.Paragraph>{t('products.import.undoText', { created: report.created, updated: report.updated })}</Typography.Paragraph>
      </Modal>
      <BulkResultModal title={t('products.import.undoResultTitle')} result={result} onClose={() => setResult(null)} />
    </>
  );
}
