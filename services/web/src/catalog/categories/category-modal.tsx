import { AddCategoryRequest, UpdateCategoryRequest, type CategoryView } from '@elk/contracts';
import { Alert } from 'antd';
import { useForm, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CardButtons } from '../../forms/card-buttons';
import { CardModal, useUnsavedInput } from '../../forms/card-modal';
import { FormField } from '../../forms/form-field';
import { FormTreeSelect } from '../../forms/form-tree-select';
import { OfflineAlert } from '../../forms/offline-alert';
import { ProblemAlert } from '../../forms/problem-alert';
import { requestResolver } from '../../forms/request-resolver';
import { useFormProblem } from '../../forms/use-form-problem';
import { useSaveCard } from '../../forms/use-save-card';
import { VerticalForm } from '../../forms/vertical-form';
import { useAddCategory, useUpdateCategory } from './categories-api';
import { CategoryHistory } from './category-history';
import { categoryTree, categoryTreeOptions } from './category-tree';

/** What the inputs hold; an empty description becomes null, no parent puts the category at the top. */
interface CategoryFormValues {
  name: string;
  description: string;
  parentId: string | null;
}

/** The body a valid card submits: AddCategoryRequest, plus expectedVersion when editing. */
type CategoryBody = AddCategoryRequest & { expectedVersion?: number };

const FIELDS = ['name', 'description', 'parentId'] as const;

function requestInput(values: CategoryFormValues, version: number | undefined): Record<string, unknown> {
  return {
    name: values.name,
    description: values.description.trim() || null,
    parentId: values.parentId,
    ...(version === undefined ? {} : { expectedVersion: version }),
  };
}

/** Validates with the same zod schemas as the server (Add for a new card, Update with the version seen). */
function categoryResolver(category: CategoryView | null): Resolver<CategoryFormValues, unknown, CategoryBody> {
  return requestResolver(category ? UpdateCategoryRequest : AddCategoryRequest, (values: CategoryFormValues) => requestInput(values, category?.version));
}

interface CategoryModalProps {
  open: boolean;
  /** null: «Новая категория». */
  category: CategoryView | null;
  /** Every category of the organisation, for the parent's tree and the history. */
  categories: readonly CategoryView[];
  /** Every field shown disabled, only «Закрыть»: a role without catalog:write. */
  readOnly?: boolean;
  onClose: () => void;
}

/** The card «Новая категория» or «Категория» (maybe read-only); its form is rebuilt each time it opens. */
export function CategoryModal({ open, category, categories, readOnly = false, onClose }: CategoryModalProps) {
  const { t } = useTranslation();
  return (
    <CardModal open={open} title={category ? t('categories.editTitle') : t('categories.newTitle')} width={560} onClose={onClose}>
      <CategoryForm key={category?.id ?? 'new'} category={category} categories={categories} readOnly={readOnly} onDone={onClose} />
    </CardModal>
  );
}

function CategoryForm({ category, categories, readOnly, onDone }: Omit<CategoryModalProps, 'open' | 'onClose'> & { onDone: () => void }) {
  const { t } = useTranslation();
  const add = useAddCategory();
  const update = useUpdateCategory();
  const { control, handleSubmit, setError, formState } = useForm<CategoryFormValues, unknown, CategoryBody>({
    resolver: categoryResolver(category),
    defaultValues: { name: category?.name ?? '', description: category?.description ?? '', parentId: category?.parentId ?? null },
  });
  const { problem, report, clear } = useFormProblem(setError, FIELDS);
  useUnsavedInput(formState.isDirty);
  const { conflict, offline, retrying, save, retry } = useSaveCard(report, clear, onDone);

  const onSubmit = handleSubmit((body) =>
    save(async () => {
      if (category) {
        await update.mutateAsync({ id: category.id, body: { ...body, expectedVersion: body.expectedVersion ?? category.version } });
        return t('categories.saved');
      }
      await add.mutateAsync(body);
      return t('categories.added');
    }),
  );

  return (
    <>
      {conflict && <Alert type="warning" showIcon title={t('categories.versionConflict')} style={{ marginBottom: 16 }} />}
      <ProblemAlert problem={problem} />
      {offline && <OfflineAlert onRetry={() => void retry()} retrying={retrying} />}
      <VerticalForm onSubmit={onSubmit} readOnly={readOnly}>
        <FormField control={control} name="name" label={t('categories.name')} maxLength={128} autoComplete="off" autoFocus />
        <FormField
          control={control}
          name="description"
          label={t('categories.description')}
          required={false}
          multiline
          maxLength={1000}
          placeholder={t('categories.optional')}
        />
        {/* The category itself is greyed out; choosing one of its subcategories gets the server's refusal under the field. */}
        <FormTreeSelect
          control={control}
          name="parentId"
          label={t('categories.parent')}
          required={false}
          treeData={categoryTreeOptions(categoryTree(categories), category?.id)}
          placeholder={t('categories.parentPlaceholder')}
          hint={t('categories.parentHint')}
        />
        <CardButtons submitLabel={category ? t('common.save') : t('categories.submitAdd')} submitting={formState.isSubmitting} readOnly={readOnly} />
      </VerticalForm>
      {category && <CategoryHistory id={category.id} categories={categories} />}
    </>
  );
}
