import { Empty, Layout } from 'antd';
import { useTranslation } from 'react-i18next';

/** Журналы until its issue lands: the menu is honest about what works. */
export function ComingSoonPage() {
  const { t } = useTranslation();
  return (
    <Layout.Content style={{ padding: 48 }}>
      <Empty description={t('common.comingSoon')} />
    </Layout.Content>
  );
}
