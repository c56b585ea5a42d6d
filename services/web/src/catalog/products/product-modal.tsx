import { AddProductRequest, OKSM_COUNTRIES, PRODUCT_NAME_FORBIDDEN_MESSAGE, UpdateProductRequest, type CategoryView, type ProductView, type UnitView } from '@elk/contracts';
import { Alert, Col, Flex, Row, Select, Spin, Switch } from 'antd';
import { useForm, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CardButtons } from '../../forms/card-buttons';
import { CardModal, useUnsavedInput } from '../../forms/card-modal';
import { ControlledItem } from '../../forms/controlled-item';
import { FormField } from '../../forms/form-field';
import { FormSelect } from '../../forms/form-select';
import { FormTreeSelect } from '../../forms/form-tree-select';
import { OfflineAlert } from '../../forms/offline-alert';
import { ProblemAlert } from '../../forms/problem-alert';
import { requestResolver } from '../../forms/request-resolver';
import { DraftRestoredAlert, useCardDraft } from '../../forms/use-card-draft';
import { useFormProblem } from '../../forms/use-form-problem';
import { useSaveCard } from '../../forms/use-save-card';
import { VerticalForm } from '../../forms/vertical-form';
import { LoadFailed } from '../../shell/load-failed';
import { categoryTree, categoryTreeOptions } from '../categories/category-tree';
import { useAllUnits } from '../units/units-api';
import { ProductHistory } from './product-history';
import { PAYMENT_SUBJECT_OPTIONS, VAT_OPTIONS, catalogNames } from './product-labels';
import { useAddProduct, useUpdateProduct } from './products-api';
import { kopecksOf, rublesText } from '../../rubles';

/** What the inputs hold: the price as typed in rubles, the choices as strings, none as null. */
interface ProductFormValues {
  name: string;
  description: string;
  price: string;
  unitId: string | null;
  vat: string | null;
  categoryId: string | null;
  paymentSubject: string;
  countryCode: string | null;
  barcodes: string[];
  article: string;
  marked: boolean;
}

/** The body a valid card submits: AddProductRequest, plus expectedVersion when editing. */
type ProductBody = AddProductRequest & { expectedVersion?: number };

const FIELDS = ['name', 'description', 'price', 'unitId', 'vat', 'categoryId', 'paymentSubject', 'countryCode', 'barcodes', 'article', 'marked'] as const;

const COUNTRY_OPTIONS = OKSM_COUNTRIES.map(({ code, name }) => ({ value: code, label: name }));

/** Barcodes are typed (or scanned) one after another: a space or a comma ends one too. */
const BARCODE_SEPARATORS = [' ', ',', ';'];

/** «Штука» (FFD code 0) is what most products are counted in. */
const PIECE_FFD_CODE = 0;

function requestInput(values: ProductFormValues, version: number | undefined): Record<string, unknown> {
  return {
    name: values.name,
    description: values.description,
    price: kopecksOf(values.price),
    unitId: values.unitId ?? undefined,
    vat: values.vat ?? undefined,
    categoryId: values.categoryId,
    paymentSubject: Number(values.paymentSubject),
    countryCode: values.countryCode,
    barcodes: values.barcodes,
    article: values.article,
    marked: values.marked,
    ...(version === undefined ? {} : { expectedVersion: version }),
  };
}

/**
 * Validates with the same zod schemas as the server (Add for a new card, Update with the version seen). An error
 * of one barcode shows under «Штрихкоды» as a whole.
 */
function productResolver(product: ProductView | null): Resolver<ProductFormValues, unknown, ProductBody> {
  const validate = requestResolver<ProductFormValues, ProductBody>(product ? UpdateProductRequest : AddProductRequest, (values) =>
    requestInput(values, product?.version),
  );
  return async (values, context, options) => {
    const result = await validate(values, context, options);
    const errors = result.errors as Record<string, unknown>;
    if (Array.isArray(errors.barcodes)) errors.barcodes = errors.barcodes.find(Boolean);
    return result;
  };
}

function defaultValues(product: ProductView | null, units: readonly UnitView[]): ProductFormValues {
  return {
    name: product?.name ?? '',
    description: product?.description ?? '',
    price: product ? rublesText(product.price) : '',
    unitId: product?.unitId ?? units.find(({ ffdCode }) => ffdCode === PIECE_FFD_CODE)?.id ?? null,
    vat: product?.vat ?? null,
    categoryId: product?.categoryId ?? null,
    paymentSubject: String(product?.paymentSubject ?? 1),
    countryCode: product?.countryCode ?? null,
    barcodes: product?.barcodes ?? [],
    article: product?.article ?? '',
    marked: product?.marked ?? false,
  };
}

interface ProductModalProps {
  open: boolean;
  /** null: «Новый товар». */
  product: ProductView | null;
  /** The organisation's categories to choose from (and to name in the history). */
  categories: readonly CategoryView[];
  /** Every field shown disabled, only «Закрыть»: a role without catalog:write. */
  readOnly?: boolean;
  onClose: () => void;
}

/**
 * The card «Новый товар» or «Товар» (maybe read-only); its form is rebuilt each time it opens, once the units are
 * loaded (a new product starts in «шт»).
 */
export function ProductModal({ open, product, categories, readOnly = false, onClose }: ProductModalProps) {
  const { t } = useTranslation();
  const units = useAllUnits();
  return (
    <CardModal open={open} title={product ? t('products.editTitle') : t('products.newTitle')} width={720} onClose={onClose}>
      {units.isSuccess ? (
        <ProductForm key={product?.id ?? 'new'} product={product} units={units.data} categories={categories} readOnly={readOnly} onDone={onClose} />
      ) : units.isError ? (
        <LoadFailed error={units.error} onRetry={() => void units.refetch()} />
      ) : (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      )}
    </CardModal>
  );
}

interface ProductFormProps extends Omit<ProductModalProps, 'open' | 'onClose'> {
  units: readonly UnitView[];
  onDone: () => void;
}

function ProductForm({ product, units, categories, readOnly, onDone }: ProductFormProps) {
  const { t } = useTranslation();
  const add = useAddProduct();
  const update = useUpdateProduct();
  const form = useForm<ProductFormValues, unknown, ProductBody>({
    resolver: productResolver(product),
    defaultValues: defaultValues(product, units),
  });
  const { control, handleSubmit, setError, formState } = form;
  const { problem, report, clear } = useFormProblem(setError, FIELDS);
  const draft = useCardDraft(product ? `product.${product.id}` : 'product.new', product?.version ?? 0, form);
  useUnsavedInput(formState.isDirty, draft.forget);
  const { conflict, offline, retrying, save, retry } = useSaveCard(report, clear, onDone);
  const unitOptions = units.map(({ id, name, shortName }) => ({ value: id, label: `${name} (${shortName})` }));

  const onSubmit = handleSubmit((body) =>
    save(async () => {
      if (product) await update.mutateAsync({ id: product.id, body: { ...body, expectedVersion: body.expectedVersion ?? product.version } });
      else await add.mutateAsync(body);
      draft.forget();
      return product ? t('products.saved') : t('products.added');
    }),
  );

  return (
    <>
      {conflict && <Alert type="warning" showIcon title={t('products.versionConflict')} style={{ marginBottom: 16 }} />}
      {draft.restored && <DraftRestoredAlert onDiscard={draft.discard} />}
      <ProblemAlert problem={problem} />
      {offline && <OfflineAlert onRetry={() => void retry()} retrying={retrying} />}
      <VerticalForm onSubmit={onSubmit} readOnly={readOnly}>
        <FormField control={control} name="name" label={t('products.name')} maxLength={128} autoComplete="off" autoFocus hint={PRODUCT_NAME_FORBIDDEN_MESSAGE} />
        <FormField control={control} name="description" label={t('products.description')} required={false} multiline maxLength={1000} placeholder={t('products.optional')} />
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <FormField control={control} name="price" label={t('products.price')} inputMode="decimal" maxLength={16} autoComplete="off" hint={t('products.priceHint')} />
          </Col>
          <Col xs={24} sm={12}>
            <FormSelect control={control} name="unitId" label={t('products.unit')} options={unitOptions} placeholder={t('products.unitPlaceholder')} searchable />
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <FormSelect control={control} name="vat" label={t('products.vat')} options={VAT_OPTIONS} placeholder={t('products.vatPlaceholder')} />
          </Col>
          <Col xs={24} sm={12}>
            <FormSelect control={control} name="paymentSubject" label={t('products.paymentSubject')} options={PAYMENT_SUBJECT_OPTIONS} searchable />
          </Col>
        </Row>
        <FormTreeSelect
          control={control}
          name="categoryId"
          label={t('products.category')}
          required={false}
          treeData={categoryTreeOptions(categoryTree(categories))}
          placeholder={t('products.categoryPlaceholder')}
        />
        <ControlledItem
          control={control}
          name="barcodes"
          label={t('products.barcodes')}
          required={false}
          hint={t('products.barcodesHint')}
          text={(barcodes) => (barcodes as string[]).join(', ')}
        >
          {(field, { id, status }) => (
            <Select
              id={id}
              ref={field.ref}
              mode="tags"
              value={field.value as string[]}
              onChange={field.onChange}
              onBlur={field.onBlur}
              tokenSeparators={BARCODE_SEPARATORS}
              open={false}
              suffixIcon={null}
              status={status}
            />
          )}
        </ControlledItem>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <FormSelect
              control={control}
              name="countryCode"
              label={t('products.country')}
              required={false}
              options={COUNTRY_OPTIONS}
              placeholder={t('products.countryPlaceholder')}
              searchable
              clearable
            />
          </Col>
          <Col xs={24} sm={12}>
            <FormField control={control} name="article" label={t('products.article')} required={false} maxLength={64} autoComplete="off" extra={t('products.articleHint')} />
          </Col>
        </Row>
        <ControlledItem control={control} name="marked" label={t('products.marked')} required={false} text={(marked) => (marked ? t('products.yes') : t('products.no'))}>
          {(field, { id }) => (
            <Switch
              id={id}
              ref={field.ref}
              checked={field.value as boolean}
              onChange={field.onChange}
              checkedChildren={t('products.yes')}
              unCheckedChildren={t('products.no')}
            />
          )}
        </ControlledItem>
        <CardButtons submitLabel={product ? t('common.save') : t('products.submitAdd')} submitting={formState.isSubmitting} readOnly={readOnly} />
      </VerticalForm>
      {product && <ProductHistory id={product.id} names={catalogNames(units, categories)} />}
    </>
  );
}
