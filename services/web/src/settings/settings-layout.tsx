import { Layout, Menu, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { permitted } from '../permitted';
import { useAccount } from '../shell/account-context';
import { useNarrowScreen } from '../shell/use-narrow-screen';
import { SETTINGS_SECTIONS } from './settings-sections';

/** Настройки: the left menu of the sections built so far, and the chosen section. */
export function SettingsLayout() {
  const { t } = useTranslation();
  const { role } = useAccount();
  const { pathname } = useLocation();
  const { token } = theme.useToken();
  const narrow = useNarrowScreen();
  const sections = permitted(SETTINGS_SECTIONS, role).filter(({ available }) => available);
  /** A section's own pages (a sales point's page under /settings/sales-points/…) keep its entry selected. */
  const selected = sections.map(({ path }) => `/settings/${path}`).find((to) => pathname === to || pathname.startsWith(`${to}/`)) ?? pathname;

  return (
    <Layout>
      <Layout.Sider width={240} breakpoint="md" collapsedWidth={0} style={{ background: token.colorBgContainer }}>
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          items={sections.map(({ path, title }) => {
            const to = `/settings/${path}`;
            return { key: to, label: <Link to={to}>{t(title)}</Link> };
          })}
          style={{ height: '100%', borderInlineEnd: 'none' }}
        />
      </Layout.Sider>
      <Layout.Content style={{ padding: narrow ? 12 : 24 }}>
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
