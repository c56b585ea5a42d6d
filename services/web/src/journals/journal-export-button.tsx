import { DownOutlined, DownloadOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, type MenuProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { userMessageOf } from '../api/api-error';
import type { ListParams } from '../lists/use-list-params';
import { exportJournal, type JournalFileFormat } from './journals-api';

/** «Экспорт ▾» → CSV / Excel (XLSX): the whole journal as filtered and sorted now, saved as a file. */
export function JournalExportButton({ journal, params }: { journal: 'sales' | 'transactions'; params: ListParams }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);

  const download = (format: JournalFileFormat) => {
    setExporting(true);
    exportJournal(journal, format, params)
      .catch((error: unknown) => void message.error(`${t('journals.export.failed')}: ${userMessageOf(error)}`))
      .finally(() => setExporting(false));
  };
  const items: MenuProps['items'] = [
    { key: 'csv', label: t('journals.export.csv'), onClick: () => download('csv') },
    { key: 'xlsx', label: t('journals.export.xlsx'), onClick: () => download('xlsx') },
  ];

  return (
    <Dropdown trigger={['click']} menu={{ items }} disabled={exporting}>
      <Button icon={<DownloadOutlined />} loading={exporting}>
        {t('journals.export.button')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
