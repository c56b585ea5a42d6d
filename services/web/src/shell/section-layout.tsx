import type { Permission } from '@elk/auth';
import { Layout, Menu, theme } from 'antd';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { permitted } from '../permitted';
import { useAccount } from './account-context';
import { useNarrowScreen } from './use-narrow-screen';

/** An entry of a top section's left menu; without a permission it is open to every role. */
export interface SideSection {
  path: string;
  title: ParseKeys;
  permission: Permission | null;
}

/** A top section (Каталог, Настройки): the left menu of its sections the role may see, and the chosen one. */
export function SectionLayout({ base, sections }: { base: string; sections: readonly SideSection[] }) {
  const { t } = useTranslation();
  const { role } = useAccount();
  const { pathname } = useLocation();
  const { token } = theme.useToken();
  const narrow = useNarrowScreen();
  const shown = permitted(sections, role);
  /** A section's own pages (a sales point's page under /settings/sales-points/…) keep its entry selected. */
  const selected = shown.map(({ path }) => `${base}/${path}`).find((to) => pathname === to || pathname.startsWith(`${to}/`)) ?? pathname;

  return (
    <Layout>
      <Layout.Sider width={240} breakpoint="md" collapsedWidth={0} style={{ background: token.colorBgContainer }}>
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          items={shown.map(({ path, title }) => {
            const to = `${base}/${path}`;
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
