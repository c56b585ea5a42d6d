import { Flex, Layout, theme, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../shell/page-title';
import { usePageTitle } from '../shell/use-page-title';

/**
 * The centred card of the pages used before logging in. Drawn with the theme's card tokens rather than antd's Card,
 * which brings Tabs, Dropdown and Menu along (a card may hold tabs): 75 KB the login page would load for nothing.
 */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  usePageTitle(title);
  const card = { width: '100%', maxWidth: 420, padding: token.paddingLG, background: token.colorBgContainer, border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadiusLG };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Flex component="main" vertical align="center" justify="center" gap="large" style={{ flex: 1, padding: 24 }}>
        <Typography.Text type="secondary">{t('app.name')}</Typography.Text>
        <section style={card}>
          <PageTitle style={{ marginBottom: 16 }}>{title}</PageTitle>
          {children}
        </section>
      </Flex>
    </Layout>
  );
}
