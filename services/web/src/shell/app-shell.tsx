import { UserOutlined } from '@ant-design/icons';
import { Flex, Layout, Menu, Spin, Typography, theme } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useMe } from '../api/me';
import { permitted } from '../permitted';
import { AccountContext } from './account-context';
import { LoadFailed } from './load-failed';
import { TOP_SECTIONS } from './top-sections';
import { useNarrowScreen } from './use-narrow-screen';

/** The signed-in frame: the top menu (Каталог, Журналы, Настройки) and the page under it. */
export function AppShell() {
  const { t } = useTranslation();
  const me = useMe();
  const { pathname } = useLocation();
  const { token } = theme.useToken();
  const narrow = useNarrowScreen();

  if (me.isPending) return <Spin size="large" fullscreen />;
  if (me.isError) {
    return <LoadFailed error={me.error} onRetry={() => void me.refetch()} />;
  }

  const sections = permitted(TOP_SECTIONS, me.data.role);
  const selected = sections.filter(({ path }) => pathname.startsWith(path)).map(({ path }) => path);
  return (
    <AccountContext value={me.data}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: narrow ? 8 : 24,
            paddingInline: narrow ? 16 : 48,
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          {/* The product's name, not a heading: each page's title is its <h1>. */}
          <Typography.Text strong style={{ fontSize: token.fontSizeHeading4, color: token.colorPrimary, whiteSpace: 'nowrap' }}>
            {t('app.shortName')}
          </Typography.Text>
          <Menu
            mode="horizontal"
            selectedKeys={selected}
            items={sections.map(({ path, title }) => ({ key: path, label: <Link to={path}>{t(title)}</Link> }))}
            style={{ flex: 1, minWidth: 0, borderBottom: 'none' }}
          />
          {!narrow && (
            <Flex gap="small" align="center">
              <UserOutlined />
              <Typography.Text>{me.data.fullName}</Typography.Text>
              <Typography.Text type="secondary">{me.data.organisationName}</Typography.Text>
            </Flex>
          )}
        </Layout.Header>
        <Suspense fallback={<Spin style={{ margin: 48 }} />}>
          <Outlet />
        </Suspense>
      </Layout>
    </AccountContext>
  );
}
