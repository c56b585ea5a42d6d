import { Empty, Layout } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from './use-page-title';

/** Журналы until its issue lands: the menu is honest about what works. */
export function ComingSoonPage() {
  const { t } = useTranslation();
  usePageTitle(t('menu.journals'));
  return (
    <Layout.Content style={{ padding: 48 }}>
      <Empty description={t('common.comingSoon')} />
    </Layout.Content>
  );
}
