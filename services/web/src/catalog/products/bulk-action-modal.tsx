import { BulkProductAction, type BulkResult, type CategoryView, type ProductView, type UnitView } from '@elk/contracts';
import { Alert, Button, Flex, Modal, Typography } from 'antd';
import { useForm, useWatch, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../forms/form-field';
import { FormSelect } from '../../forms/form-select';
import { FormTreeSelect } from '../../forms/form-tree-select';
import { ProblemAlert } from '../../forms/problem-alert';
import { requestResolver } from '../../forms/request-resolver';
import { useFormProblem } from '../../forms/use-form-problem';
import { VerticalForm } from '../../forms/vertical-form';
import { categoryTree, categoryTreeOptions } from '../categories/category-tree';
import { VAT_OPTIONS } from './product-labels';
import { useBulkProducts } from './products-api';
import { kopecksOf } from '../../rubles';

export type BulkActionKind = BulkProductAction['type'];

/** What the inputs hold: the choices as strings (none: null), the percentage and the amount as typed. */
interface BulkActionValues {
  categoryId: string | null;
  vat: string | null;
  unitId: string | null;
  price: { direction: 'up' | 'down'; by: 'percent' | 'amount'; percent: string; amount: string };
}

const FIELDS = ['categoryId', 'vat', 'unitId', 'price.direction', 'price.by', 'price.percent', 'price.amount'] as const;

/** «12,5» → 12.5; blank is missing, anything else not a number is NaN (the schema names it). */
function percentOf(text: string): number | undefined {
  const typed = text.replace(/[\s%]/g, '').replace(',', '.');
  return typed === '' ? undefined : Number(typed);
}

/** The action the card submits, as BulkProductAction reads it. */
function actionInput(kind: BulkActionKind, values: BulkActionValues): Record<string, unknown> {
  switch (kind) {
    case 'delete':
      return { type: kind };
    case 'move-to-category':
      return { type: kind, categoryId: values.categoryId };
    case 'set-vat':
      return { type: kind, vat: values.vat ?? undefined };
    case 'set-unit':
      return { type: kind, unitId: values.unitId ?? undefined };
    case 'change-price': {
      const { direction, by } = values.price;
      return { type: kind, price: by === 'percent' ? { by, direction, percent: percentOf(values.price.percent) } : { by, direction, amount: kopecksOf(values.price.amount) } };
    }
  }
}

const TITLES = {
  delete: 'products.bulk.deleteTitle',
  'move-to-category': 'products.bulk.moveTitle',
  'set-vat': 'products.bulk.vatTitle',
  'set-unit': 'products.bulk.unitTitle',
  'change-price': 'products.bulk.priceTitle',
} as const;

interface BulkActionModalProps {
  /** null: closed. */
  kind: BulkActionKind | null;
  products: readonly ProductView[];
  units: readonly UnitView[];
  categories: readonly CategoryView[];
  onClose: () => void;
  /** The action went through (maybe refused for some products): its result. */
  onDone: (result: BulkResult) => void;
}

/** The card of one bulk action on the selected products: what to set (nothing for a delete), Отмена / the action. */
export function BulkActionModal({ kind, ...props }: BulkActionModalProps) {
  const { t } = useTranslation();
  return (
    <Modal open={kind !== null} title={kind && t(TITLES[kind], { count: props.products.length })} onCancel={props.onClose} footer={null} destroyOnHidden width={520}>
      {kind && <BulkActionForm kind={kind} {...props} />}
    </Modal>
  );
}

function BulkActionForm({ kind, products, units, categories, onClose, onDone }: Omit<BulkActionModalProps, 'kind'> & { kind: BulkActionKind }) {
  const { t } = useTranslation();
  const bulk = useBulkProducts();
  const resolver: Resolver<BulkActionValues, unknown, BulkProductAction> = requestResolver(BulkProductAction, (values: BulkActionValues) => actionInput(kind, values));
  const { control, handleSubmit, setError } = useForm<BulkActionValues, unknown, BulkProductAction>({
    resolver,
    defaultValues: { categoryId: null, vat: null, unitId: null, price: { direction: 'up', by: 'percent', percent: '', amount: '' } },
  });
  const by = useWatch({ control, name: 'price.by' });
  const { problem, report, clear } = useFormProblem(setError, FIELDS);

  const onSubmit = handleSubmit(async (action) => {
    clear();
    try {
      onDone(await bulk.mutateAsync({ action, products: products.map(({ id, version }) => ({ id, version })) }));
    } catch (error) {
      report(error);
    }
  });

  const unitOptions = units.map(({ id, name, shortName }) => ({ value: id, label: `${name} (${shortName})` }));
  return (
    <>
      <ProblemAlert problem={problem} />
      <VerticalForm onSubmit={onSubmit}>
        <Typography.Paragraph>{t('products.bulk.appliesTo', { count: products.length })}</Typography.Paragraph>
        {kind === 'delete' && <Alert type="warning" showIcon title={t('products.bulk.deleteWarning')} style={{ marginBottom: 16 }} />}
        {kind === 'move-to-category' && (
          <FormTreeSelect
            control={control}
            name="categoryId"
            label={t('products.category')}
            required={false}
            treeData={categoryTreeOptions(categoryTree([...categories]))}
            placeholder={t('products.categoryPlaceholder')}
          />
        )}
        {kind === 'set-vat' && <FormSelect control={control} name="vat" label={t('products.vat')} options={VAT_OPTIONS} placeholder={t('products.vatPlaceholder')} />}
        {kind === 'set-unit' && <FormSelect control={control} name="unitId" label={t('products.unit')} options={unitOptions} placeholder={t('products.unitPlaceholder')} searchable />}
        {kind === 'change-price' && (
          <>
            <Flex gap="middle" wrap>
              <div style={{ flex: 1, minWidth: 180 }}>
                <FormSelect
                  control={control}
                  name="price.direction"
                  label={t('products.bulk.direction')}
                  options={[
                    { value: 'up', label: t('products.bulk.up') },
                    { value: 'down', label: t('products.bulk.down') },
                  ]}
                />
              </div>
              <div style={{ flex: 1, minWidth: 180 }}>
                <FormSelect
                  control={control}
                  name="price.by"
                  label={t('products.bulk.by')}
                  options={[
                    { value: 'percent', label: t('products.bulk.byPercent') },
                    { value: 'amount', label: t('products.bulk.byAmount') },
                  ]}
                />
              </div>
            </Flex>
            {by === 'percent' ? (
              <FormField control={control} name="price.percent" label={t('products.bulk.percent')} inputMode="decimal" maxLength={8} autoComplete="off" hint={t('products.bulk.percentHint')} />
            ) : (
              <FormField control={control} name="price.amount" label={t('products.bulk.amount')} inputMode="decimal" maxLength={16} autoComplete="off" hint={t('products.priceHint')} />
            )}
          </>
        )}
        <Flex justify="end" gap="small">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" danger={kind === 'delete'} htmlType="submit" loading={bulk.isPending}>
            {t(kind === 'delete' ? 'products.bulk.deleteSubmit' : 'products.bulk.submit')}
          </Button>
        </Flex>
      </VerticalForm>
    </>
  );
}
