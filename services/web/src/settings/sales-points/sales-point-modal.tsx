import { AddSalesPointRequest, UpdateSalesPointRequest, type SalesPointView } from '@elk/contracts';
import { Alert, Flex, Spin } from 'antd';
import { useForm, type Resolver } from 'react-hook-form';
import { Trans, useTranslation } from 'react-i18next';
import { CardButtons } from '../../forms/card-buttons';
import { CardModal, useUnsavedInput } from '../../forms/card-modal';
import { FormField } from '../../forms/form-field';
import { FormSelect } from '../../forms/form-select';
import { OfflineAlert } from '../../forms/offline-alert';
import { ProblemAlert } from '../../forms/problem-alert';
import { requestResolver } from '../../forms/request-resolver';
import { useFormProblem } from '../../forms/use-form-problem';
import { useSaveCard } from '../../forms/use-save-card';
import { VerticalForm } from '../../forms/vertical-form';
import { useLegalEntities } from '../legal-entities/legal-entities-api';
import { useAddSalesPoint, useUpdateSalesPoint } from './sales-points-api';
import { TextLink } from '../../shell/text-link';

/** What the inputs hold; an empty brand becomes null when the request is built. */
interface SalesPointFormValues {
  name: string;
  legalEntityId: string | undefined;
  address: string;
  brand: string;
}

/** The body a valid card submits: AddSalesPointRequest, plus expectedVersion when editing. */
type SalesPointBody = AddSalesPointRequest & { expectedVersion?: number };

const FIELDS = ['name', 'legalEntityId', 'address', 'brand'] as const;

function requestInput(values: SalesPointFormValues, version: number | undefined): Record<string, unknown> {
  return {
    name: values.name,
    legalEntityId: values.legalEntityId,
    address: values.address,
    brand: values.brand.trim() || null,
    ...(version === undefined ? {} : { expectedVersion: version }),
  };
}

/** Validates with the same zod schemas as the server (Add for a new card, Update with the version seen). */
function salesPointResolver(point: SalesPointView | null): Resolver<SalesPointFormValues, unknown, SalesPointBody> {
  return requestResolver(point ? UpdateSalesPointRequest : AddSalesPointRequest, (values: SalesPointFormValues) => requestInput(values, point?.version));
}

function defaultsOf(point: SalesPointView | null, onlyLegalEntity: string | undefined): SalesPointFormValues {
  return {
    name: point?.name ?? '',
    legalEntityId: point?.legalEntityId ?? onlyLegalEntity,
    address: point?.address ?? '',
    brand: point?.brand ?? '',
  };
}

/** The card «Новая точка продаж» (point null) or «Точка продаж»; its form is rebuilt each time it opens. */
export function SalesPointModal({ open, point, onClose }: { open: boolean; point: SalesPointView | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <CardModal open={open} title={point ? t('salesPoints.editTitle') : t('salesPoints.newTitle')} width={560} onClose={onClose}>
      <SalesPointFormLoader point={point} onDone={onClose} />
    </CardModal>
  );
}

/** The legal entities come first: the select lists them, and with none there is nothing to bind the point to. */
function SalesPointFormLoader({ point, onDone }: { point: SalesPointView | null; onDone: () => void }) {
  const { t } = useTranslation();
  const legalEntities = useLegalEntities();
  if (legalEntities.isPending) {
    return (
      <Flex justify="center" style={{ padding: 24 }}>
        <Spin />
      </Flex>
    );
  }
  const items = legalEntities.data ?? [];
  const options = items.map(({ id, name }) => ({ value: id, label: name }));
  if (point && !options.some(({ value }) => value === point.legalEntityId)) options.push({ value: point.legalEntityId, label: point.legalEntityName });
  return (
    <>
      {!legalEntities.isError && options.length === 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <Trans i18nKey="salesPoints.noLegalEntities" components={{ link: <TextLink to="/settings/legal-entities" onClick={onDone} /> }} />
          }
        />
      )}
      {legalEntities.isError && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('salesPoints.legalEntitiesFailed')} />}
      <SalesPointForm key={point?.id ?? 'new'} point={point} options={options} onDone={onDone} />
    </>
  );
}

function SalesPointForm({
  point,
  options,
  onDone,
}: {
  point: SalesPointView | null;
  options: ReadonlyArray<{ value: string; label: string }>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const add = useAddSalesPoint();
  const update = useUpdateSalesPoint();
  const { control, handleSubmit, setError, formState } = useForm<SalesPointFormValues, unknown, SalesPointBody>({
    resolver: salesPointResolver(point),
    defaultValues: defaultsOf(point, options.length === 1 ? options[0]?.value : undefined),
  });
  const { problem, report, clear } = useFormProblem(setError, FIELDS);
  useUnsavedInput(formState.isDirty);
  const { conflict, offline, retrying, save, retry } = useSaveCard(report, clear, onDone);

  const onSubmit = handleSubmit((body) =>
    save(async () => {
      if (point) {
        const { expectedVersion, ...fields } = body;
        await update.mutateAsync({ id: point.id, body: { ...fields, expectedVersion: expectedVersion ?? point.version } });
        return t('salesPoints.saved');
      }
      await add.mutateAsync(body);
      return t('salesPoints.added');
    }),
  );

  return (
    <>
      {conflict && <Alert type="warning" showIcon title={t('salesPoints.versionConflict')} style={{ marginBottom: 16 }} />}
      <ProblemAlert problem={problem} />
      {offline && <OfflineAlert onRetry={() => void retry()} retrying={retrying} />}
      <VerticalForm onSubmit={onSubmit}>
        <FormField control={control} name="name" label={t('salesPoints.name')} maxLength={255} autoFocus />
        <FormSelect
          control={control}
          name="legalEntityId"
          label={t('salesPoints.legalEntity')}
          options={options}
          placeholder={t('salesPoints.legalEntityPlaceholder')}
        />
        <FormField control={control} name="address" label={t('salesPoints.address')} maxLength={500} />
        <FormField control={control} name="brand" label={t('salesPoints.brand')} required={false} maxLength={255} placeholder={t('salesPoints.optional')} />
        <CardButtons submitLabel={point ? t('common.save') : t('salesPoints.submitAdd')} submitting={formState.isSubmitting} />
      </VerticalForm>
    </>
  );
}
