import { can } from '@elk/auth';
import { useAccount } from '../shell/account-context';
import { ForbiddenPage } from '../shell/forbidden-page';
import { SectionLayout, type SideSection } from '../shell/section-layout';

/** The left menu of Журналы: both journals for every role that reads them (a Cashier's hold only their own sales). */
const JOURNAL_SECTIONS: readonly SideSection[] = [
  { path: 'sales', title: 'journals.sales', permission: 'journals:read' },
  { path: 'transactions', title: 'journals.transactions', permission: 'journals:read' },
];

/** Журналы: Продажи and Транзакции. A Guest is told «Недостаточно прав». */
export function JournalsLayout() {
  const { role } = useAccount();
  if (!can(role, 'journals:read')) return <ForbiddenPage />;
  return <SectionLayout base="/journals" sections={JOURNAL_SECTIONS} />;
}
