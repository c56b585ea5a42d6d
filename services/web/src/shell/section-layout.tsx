import type { Permission } from '@elk/auth';
import { Layout, Menu, Select, theme } from 'antd';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { permitted } from '../permitted';
import { useAccount } from './account-context';
import { useNarrowScreen } from './use-narrow-screen';

/** An entry of a top section's left menu; without a permission it is open to every role. */
export interface SideSection {
  path: string;
  title: ParseKeys;
  permission: Permission | null;
}

/**
 * A top section (Каталог, Настройки): the sections the role may see and the chosen one. Wide screens have them as a
 * left menu; phones as a labelled choice above the page («Раздел»), which takes no width from the page, goes to the
 * section picked and works from the keyboard like any select.
 */
export function SectionLayout({ base, sections }: { base: string; sections: readonly SideSection[] }) {
  const { t } = useTranslation();
  const { role } = useAccount();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const { token } = theme.useToken();
  const narrow = useNarrowScreen();
  const shown = permitted(sections, role).map(({ path, title }) => ({ to: `${base}/${path}`, title: t(title) }));
  /** A section's own pages (a sales point's page under /settings/sales-points/…) keep its entry selected. */
  const selected = shown.find(({ to }) => pathname === to || pathname.startsWith(`${to}/`))?.to ?? pathname;

  // One tree for both widths: the page (the Outlet) stays where it is when the screen crosses 768 px (a phone turned,
  // a window resized), so an open card and what was typed in it survive; only the section menu changes its form.
  return (
    <Layout>
      {!narrow && (
        <Layout.Sider width={240} style={{ background: token.colorBgContainer }}>
          <Menu
            mode="inline"
            selectedKeys={[selected]}
            items={shown.map(({ to, title }) => ({ key: to, label: <Link to={to}>{title}</Link> }))}
            style={{ height: '100%', borderInlineEnd: 'none' }}
          />
        </Layout.Sider>
      )}
      <Layout.Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
        {narrow && (
          <Select
            aria-label={t('shell.sectionMenu')}
            prefix={t('shell.sectionMenu')}
            value={selected}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(to: string) => void navigate(to)}
            options={shown.map(({ to, title }) => ({ value: to, label: title }))}
            style={{ width: '100%', marginBottom: 12 }}
          />
        )}
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
