import { useTranslation } from 'react-i18next';
import { ChangeHistory, type HistorySource } from '../../history/change-history';
import { countryName, paymentSubjectName, vatLabel, type CatalogNames } from './product-labels';
import { productHistorySource } from './products-api';
import { formatRubles } from '../../rubles';

/** Field names of the history, as the card labels them. */
const FIELD_LABELS = {
  name: 'products.name',
  description: 'products.description',
  price: 'products.price',
  unitId: 'products.unit',
  vat: 'products.vat',
  categoryId: 'products.category',
  paymentSubject: 'products.paymentSubject',
  countryCode: 'products.country',
  barcodes: 'products.barcodes',
  article: 'products.article',
  marked: 'products.marked',
} as const;

/** «История изменений» of one product: prices in rubles, units, categories and codes by name. */
export function ProductHistory({ id, names }: { id: string; names: CatalogNames }) {
  const { t } = useTranslation();
  const formatValue = (field: string, value: unknown): string | undefined => {
    switch (field) {
      case 'price':
        return typeof value === 'number' ? formatRubles(value) : undefined;
      case 'unitId':
        return typeof value === 'string' ? (names.units.get(value)?.name ?? t('products.deletedUnit')) : undefined;
      case 'categoryId':
        return typeof value === 'string' ? (names.categories.get(value)?.name ?? t('products.deletedCategory')) : undefined;
      case 'vat':
        return typeof value === 'string' ? vatLabel(value) : undefined;
      case 'paymentSubject':
        return typeof value === 'number' ? paymentSubjectName(value) : undefined;
      case 'countryCode':
        return typeof value === 'string' ? countryName(value) : undefined;
      case 'barcodes':
        return Array.isArray(value) ? value.join(', ') || t('history.none') : undefined;
      case 'marked':
        return typeof value === 'boolean' ? t(value ? 'products.yes' : 'products.no') : undefined;
      default:
        return undefined;
    }
  };
  const source: HistorySource = { ...productHistorySource(id), fieldLabels: FIELD_LABELS, formatValue };
  return <ChangeHistory source={source} />;
}
