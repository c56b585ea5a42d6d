import { PRODUCT_FILE_COLUMNS } from '@elk/contracts';
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Modal, Progress, Spin, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { userMessageOf } from '../../api/api-error';
import { MAX_PRODUCT_FILE_BYTES, newImportId, productFileFormatOf, useImportProducts, useImportProgress, type ProductFileFormat } from './product-files-api';
import { ProductImportReportView } from './product-import-report';
import { UndoImportButton } from './product-import-undo';

const quoted = (headers: ReadonlyArray<{ header: string }>) => headers.map(({ header }) => `«${header}»`).join(', ');
const COLUMNS = quoted(PRODUCT_FILE_COLUMNS);
const REQUIRED_COLUMNS = quoted(PRODUCT_FILE_COLUMNS.filter((column) => column.required));

/** The card «Импорт товаров»; what it holds starts afresh each time it opens. */
export function ProductImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open={open} title={t('products.import.title')} onCancel={onClose} footer={null} destroyOnHidden width={760}>
      <ProductImport onClose={onClose} />
    </Modal>
  );
}

/**
 * Choose a file → it is checked at once (nothing written) and the card says what would change and which rows are
 * wrong → «Загрузить» writes it, with the progress while it runs and the same report at the end.
 */
function ProductImport({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const preview = useImportProducts();
  const load = useImportProducts();
  const [chosen, setChosen] = useState<{ file: File; format: ProductFileFormat } | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const progress = useImportProgress(load.isPending ? importId : null);

  const choose = (file: File) => {
    preview.reset();
    load.reset();
    const format = productFileFormatOf(file);
    if (format === undefined) return setRefused(t('products.import.wrongType'));
    if (file.size > MAX_PRODUCT_FILE_BYTES) return setRefused(t('products.import.tooLarge'));
    setRefused(null);
    setChosen({ file, format });
    preview.mutate({ file, format, apply: false, importId: newImportId() });
  };
  const apply = () => {
    if (chosen === null) return;
    const id = newImportId();
    setImportId(id);
    load.mutate({ ...chosen, apply: true, importId: id });
  };

  const failure = refused ?? (preview.error ? userMessageOf(preview.error) : null) ?? (load.error ? userMessageOf(load.error) : null);
  const changes = preview.data ? preview.data.created + preview.data.updated : 0;
  const started = load.isPending || load.isSuccess;
  const reported = progress.data;
  const percent = reported && reported.totalRows > 0 ? Math.floor((reported.processedRows * 100) / reported.totalRows) : 0;

  return (
    <Flex vertical gap="middle">
      {!started && (
        <>
          <Typography.Paragraph style={{ margin: 0 }}>
            {t('products.import.help', { columns: COLUMNS, required: REQUIRED_COLUMNS })} {t('products.import.matching')}
          </Typography.Paragraph>
          <Typography.Text type="secondary">{t('products.import.exportHint')}</Typography.Text>
          <Upload.Dragger
            accept=".csv,.xlsx"
            multiple={false}
            showUploadList={false}
            disabled={preview.isPending}
            beforeUpload={(file) => {
              choose(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{chosen ? chosen.file.name : t('products.import.drop')}</p>
            <p className="ant-upload-hint">{chosen ? t('products.import.otherFile') : t('products.import.dropHint')}</p>
          </Upload.Dragger>
        </>
      )}
      {failure !== null && <Alert type="error" showIcon title={failure} />}
      {preview.isPending && (
        <Flex gap="small" align="center">
          <Spin size="small" />
          <Typography.Text>{t('products.import.checking')}</Typography.Text>
        </Flex>
      )}
      {preview.data && !started && (
        <>
          <ProductImportReportView report={preview.data} applied={false} />
          {changes === 0 && <Typography.Text type="secondary">{t('products.import.nothingToChange')}</Typography.Text>}
          {changes > 0 && preview.data.invalid > 0 && <Typography.Text type="secondary">{t('products.import.invalidSkipped')}</Typography.Text>}
        </>
      )}
      {load.isPending && (
        <Flex vertical gap="small">
          <Typography.Text>{t('products.import.applying')}</Typography.Text>
          <Progress percent={percent} status="active" />
        </Flex>
      )}
      {load.data && (
        <>
          <Progress percent={100} />
          <ProductImportReportView report={load.data} applied />
        </>
      )}
      <Flex justify="end" gap="small">
        {load.isSuccess ? (
          <>
            <UndoImportButton report={load.data} />
            <Button type="primary" onClick={onClose}>
              {t('products.import.close')}
            </Button>
          </>
        ) : (
          <>
            <Button onClick={onClose} disabled={load.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="primary" onClick={apply} disabled={changes === 0 || preview.isPending} loading={load.isPending}>
              {t('products.import.apply')}
            </Button>
          </>
        )}
      </Flex>
    </Flex>
  );
}
