import { useAccount } from '../shell/account-context';
import { ForbiddenPage } from '../shell/forbidden-page';
import { SectionLayout, type SideSection } from '../shell/section-layout';
import { canAny } from '../permitted';
import { JOURNAL_PERMISSIONS } from './journal-permissions';

/** The left menu of Журналы: both journals for every role that reads them (a Cashier's hold only their own sales). */
const JOURNAL_SECTIONS: readonly SideSection[] = [
  { path: 'sales', title: 'journals.sales', permission: JOURNAL_PERMISSIONS },
  { path: 'transactions', title: 'journals.transactions', permission: JOURNAL_PERMISSIONS },
];

/** Журналы: Продажи and Транзакции. A Guest is told «Недостаточно прав». */
export function JournalsLayout() {
  const { role } = useAccount();
  if (!canAny(role, JOURNAL_PERMISSIONS)) return <ForbiddenPage />;
  return <SectionLayout base="/journals" sections={JOURNAL_SECTIONS} />;
}
