import { AddSalesPointRequest, UpdateSalesPointRequest, type SalesPointView } from '@elk/contracts';
import { Alert, App, Flex, Modal, Spin } from 'antd';
import { useState } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import { Trans, useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { CardButtons } from '../../forms/card-buttons';
import { FormField } from '../../forms/form-field';
import { FormSelect } from '../../forms/form-select';
import { ProblemAlert } from '../../forms/problem-alert';
import { requestResolver } from '../../forms/request-resolver';
import { useFormProblem } from '../../forms/use-form-problem';
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
    <Modal open={open} title={point ? t('salesPoints.editTitle') : t('salesPoints.newTitle')} onCancel={onClose} footer={null} destroyOnHidden width={560}>
      <SalesPointFormLoader point={point} onDone={onClose} />
    </Modal>
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
  const { message } = App.useApp();
  const add = useAddSalesPoint();
  const update = useUpdateSalesPoint();
  const [conflict, setConflict] = useState(false);
  const { control, handleSubmit, setError, formState } = useForm<SalesPointFormValues, unknown, SalesPointBody>({
    resolver: salesPointResolver(point),
    defaultValues: defaultsOf(point, options.length === 1 ? options[0]?.value : undefined),
  });
  const { problem, report, clear } = useFormProblem(setError, FIELDS);

  const onSubmit = handleSubmit(async (body) => {
    clear();
    setConflict(false);
    try {
      if (point) {
        const { expectedVersion, ...fields } = body;
        await update.mutateAsync({ id: point.id, body: { ...fields, expectedVersion: expectedVersion ?? point.version } });
        void message.success(t('salesPoints.saved'));
      } else {
        await add.mutateAsync(body);
        void message.success(t('salesPoints.added'));
      }
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.problem.code === 'VERSION_CONFLICT') setConflict(true);
      else report(error);
    }
  });

  return (
    <>
      {conflict && <Alert type="warning" showIcon title={t('salesPoints.versionConflict')} style={{ marginBottom: 16 }} />}
      <ProblemAlert problem={problem} />
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
        <CardButtons onCancel={onDone} submitLabel={point ? t('common.save') : t('salesPoints.submitAdd')} submitting={formState.isSubmitting} />
      </VerticalForm>
    </>
  );
}
