import type { CategoryView } from '@elk/contracts';
import { useTranslation } from 'react-i18next';
import { ChangeHistory, type HistorySource } from '../../history/change-history';
import { categoryHistorySource } from './categories-api';

/** Field names of the history, as the card labels them. */
const FIELD_LABELS = {
  name: 'categories.name',
  description: 'categories.description',
  parentId: 'categories.parent',
} as const;

/** «История изменений» of one category (its moves too, the parent named), loaded when it is first expanded. */
export function CategoryHistory({ id, categories }: { id: string; categories: readonly CategoryView[] }) {
  const { t } = useTranslation();
  const names = new Map(categories.map((category) => [category.id, category.name]));
  const formatValue = (field: string, value: unknown) =>
    field === 'parentId' && typeof value === 'string' ? (names.get(value) ?? t('categories.deletedParent')) : undefined;
  const source: HistorySource = { ...categoryHistorySource(id), fieldLabels: FIELD_LABELS, formatValue };
  return <ChangeHistory source={source} />;
}
