import { AddUnitRequest, FFD_MEASURES, UpdateUnitRequest, type UnitView } from '@elk/contracts';
import { Alert, Col, Row } from 'antd';
import { useForm, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
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
import { UnitHistory } from './unit-history';
import { useAddUnit, useUpdateUnit } from './units-api';

/** What the inputs hold: the FFD code is chosen as text (none: null) and becomes a number in the request. */
interface UnitFormValues {
  name: string;
  shortName: string;
  ffdCode: string | null;
}

/** The body a valid card submits: AddUnitRequest, plus expectedVersion when editing. */
type UnitBody = AddUnitRequest & { expectedVersion?: number };

const FIELDS = ['name', 'shortName', 'ffdCode'] as const;

/** The measures of FFD 1.2 tag 2108, found by typing their code or name: «11 — килограмм». */
const FFD_OPTIONS = FFD_MEASURES.map(({ code, name }) => ({ value: String(code), label: `${code} — ${name}` }));

/** The list, plus the unit's own code if it is not (or no longer) one of tag 2108's. */
function ffdOptions(unit: UnitView | null) {
  const known = unit === null || FFD_OPTIONS.some(({ value }) => value === String(unit.ffdCode));
  return known ? FFD_OPTIONS : [...FFD_OPTIONS, { value: String(unit.ffdCode), label: String(unit.ffdCode) }];
}

/** No code chosen is missing; the chosen one goes to the schema as a number. */
function requestInput(values: UnitFormValues, version: number | undefined): Record<string, unknown> {
  return {
    name: values.name,
    shortName: values.shortName,
    ffdCode: values.ffdCode === null ? undefined : Number(values.ffdCode),
    ...(version === undefined ? {} : { expectedVersion: version }),
  };
}

/** Validates with the same zod schemas as the server (Add for a new card, Update with the version seen). */
function unitResolver(unit: UnitView | null): Resolver<UnitFormValues, unknown, UnitBody> {
  return requestResolver(unit ? UpdateUnitRequest : AddUnitRequest, (values: UnitFormValues) => requestInput(values, unit?.version));
}

interface UnitModalProps {
  open: boolean;
  /** null: «Новая единица измерения». */
  unit: UnitView | null;
  /** Every field shown disabled, only «Закрыть»: a role without catalog:write. */
  readOnly?: boolean;
  onClose: () => void;
}

/** The card «Новая единица измерения» or «Единица измерения» (maybe read-only); its form is rebuilt each time it opens. */
export function UnitModal({ open, unit, readOnly = false, onClose }: UnitModalProps) {
  const { t } = useTranslation();
  return (
    <CardModal open={open} title={unit ? t('units.editTitle') : t('units.newTitle')} width={560} onClose={onClose}>
      <UnitForm key={unit?.id ?? 'new'} unit={unit} readOnly={readOnly} onDone={onClose} />
    </CardModal>
  );
}

function UnitForm({ unit, readOnly, onDone }: { unit: UnitView | null; readOnly: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const add = useAddUnit();
  const update = useUpdateUnit();
  const { control, handleSubmit, setError, formState } = useForm<UnitFormValues, unknown, UnitBody>({
    resolver: unitResolver(unit),
    defaultValues: { name: unit?.name ?? '', shortName: unit?.shortName ?? '', ffdCode: unit ? String(unit.ffdCode) : null },
  });
  const { problem, report, clear } = useFormProblem(setError, FIELDS);
  useUnsavedInput(formState.isDirty);
  const { conflict, offline, retrying, save, retry } = useSaveCard(report, clear, onDone);

  const onSubmit = handleSubmit((body) =>
    save(async () => {
      if (unit) {
        await update.mutateAsync({ id: unit.id, body: { ...body, expectedVersion: body.expectedVersion ?? unit.version } });
        return t('units.saved');
      }
      await add.mutateAsync(body);
      return t('units.added');
    }),
  );

  return (
    <>
      {conflict && <Alert type="warning" showIcon title={t('units.versionConflict')} style={{ marginBottom: 16 }} />}
      <ProblemAlert problem={problem} />
      {offline && <OfflineAlert onRetry={() => void retry()} retrying={retrying} />}
      <VerticalForm onSubmit={onSubmit} readOnly={readOnly}>
        <FormField control={control} name="name" label={t('units.name')} maxLength={64} autoComplete="off" autoFocus />
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <FormField control={control} name="shortName" label={t('units.shortName')} maxLength={16} autoComplete="off" extra={t('units.shortNameHint')} />
          </Col>
          <Col xs={24} sm={12}>
            <FormSelect
              control={control}
              name="ffdCode"
              label={t('units.ffdCode')}
              options={ffdOptions(unit)}
              placeholder={t('units.ffdCodePlaceholder')}
              searchable
              hint={t('units.ffdCodeHint')}
            />
          </Col>
        </Row>
        <CardButtons submitLabel={unit ? t('common.save') : t('units.submitAdd')} submitting={formState.isSubmitting} readOnly={readOnly} />
      </VerticalForm>
      {unit && <UnitHistory id={unit.id} />}
    </>
  );
}
