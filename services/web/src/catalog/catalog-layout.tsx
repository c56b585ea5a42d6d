import { can } from '@elk/auth';
import { useAccount } from '../shell/account-context';
import { ForbiddenPage } from '../shell/forbidden-page';
import { SectionLayout, type SideSection } from '../shell/section-layout';

/** The left menu of Каталог: every role that reads the catalog sees all three, only some may change them. */
const CATALOG_SECTIONS: readonly SideSection[] = [
  { path: 'products', title: 'catalog.products', permission: 'catalog:read' },
  { path: 'categories', title: 'catalog.categories', permission: 'catalog:read' },
  { path: 'units', title: 'catalog.units', permission: 'catalog:read' },
];

/** Каталог: Все товары, Категории, Единицы измерения. */
export function CatalogLayout() {
  const { role } = useAccount();
  if (!can(role, 'catalog:read')) return <ForbiddenPage />;
  return <SectionLayout base="/catalog" sections={CATALOG_SECTIONS} />;
}
