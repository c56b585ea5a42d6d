import type { BulkResult, CategoryView, ProductView, UnitView } from '@elk/contracts';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BulkResultModal } from '../../shell/bulk-result-modal';
import { SelectionBar } from '../../shell/selection-bar';
import { BulkActionModal, type BulkActionKind } from './bulk-action-modal';

const ACTIONS = [
  { kind: 'move-to-category', label: 'products.bulk.move' },
  { kind: 'set-vat', label: 'products.bulk.vat' },
  { kind: 'set-unit', label: 'products.bulk.unit' },
  { kind: 'change-price', label: 'products.bulk.price' },
  { kind: 'delete', label: 'products.delete' },
] as const satisfies ReadonlyArray<{ kind: BulkActionKind; label: string }>;

interface ProductBulkActionsProps {
  selected: readonly ProductView[];
  units: readonly UnitView[];
  categories: readonly CategoryView[];
  /** «Снять выделение», and after an action is done. */
  onClear: () => void;
}

/**
 * «Все товары» with products ticked: how many, Переместить в категорию, Установить НДС, Установить единицу измерения,
 * Изменить цену, Удалить; each asks what to set, then shows what was changed and what refused.
 */
export function ProductBulkActions({ selected, units, categories, onClear }: ProductBulkActionsProps) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<BulkActionKind | null>(null);
  const [result, setResult] = useState<BulkResult | null>(null);
  return (
    <>
      <SelectionBar count={selected.length} onClear={onClear}>
        {ACTIONS.map(({ kind: action, label }) => (
          <Button key={action} danger={action === 'delete'} onClick={() => setKind(action)}>
            {t(label)}
          </Button>
        ))}
      </SelectionBar>
      <BulkActionModal
        kind={kind}
        products={selected}
        units={units}
        categories={categories}
        onClose={() => setKind(null)}
        onDone={(done) => {
          setKind(null);
          setResult(done);
          onClear();
        }}
      />
      <BulkResultModal title={t('products.bulk.resultTitle')} result={result} onClose={() => setResult(null)} />
    </>
  );
}
