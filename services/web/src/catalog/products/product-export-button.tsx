import { DownOutlined, DownloadOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, type MenuProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { userMessageOf } from '../../api/api-error';
import { exportProducts, type ProductFileFormat, type ProductFilters } from './product-files-api';

/** «Экспорт ▾» → CSV / Excel (XLSX): the list as filtered now, saved as a file. */
export function ProductExportButton({ filters }: { filters: ProductFilters }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);

  const download = (format: ProductFileFormat) => {
    setExporting(true);
    exportProducts(format, filters)
      .catch((error: unknown) => void message.error(`${t('products.export.failed')}: ${userMessageOf(error)}`))
      .finally(() => setExporting(false));
  };
  const items: MenuProps['items'] = [
    { key: 'csv', label: t('products.export.csv'), onClick: () => download('csv') },
    { key: 'xlsx', label: t('products.export.xlsx'), onClick: () => download('xlsx') },
  ];

  return (
    <Dropdown trigger={['click']} menu={{ items }} disabled={exporting}>
      <Button icon={<DownloadOutlined />} loading={exporting}>
        {t('products.export.button')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
