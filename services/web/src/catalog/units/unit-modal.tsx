import { AddUnitRequest, UpdateUnitRequest, type UnitView } from '@elk/contracts';
import { Alert, Col, Modal, Row } from 'antd';
import { useForm, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CardButtons } from '../../forms/card-buttons';
import { FormField } from '../../forms/form-field';
import { ProblemAlert } from '../../forms/problem-alert';
import { requestResolver } from '../../forms/request-resolver';
import { useFormProblem } from '../../forms/use-form-problem';
import { useSaveCard } from '../../forms/use-save-card';
import { VerticalForm } from '../../forms/vertical-form';
import { UnitHistory } from './unit-history';
import { useAddUnit, useUpdateUnit } from './units-api';

/** What the inputs hold: the FFD code is typed as text and becomes a number in the request. */
interface UnitFormValues {
  name: string;
  shortName: string;
  ffdCode: string;
}

/** The body a valid card submits: AddUnitRequest, plus expectedVersion when editing. */
type UnitBody = AddUnitRequest & { expectedVersion?: number };

const FIELDS = ['name', 'shortName', 'ffdCode'] as const;

/** An empty code is missing, anything else goes to the schema as a number (which says what is wrong with it). */
function requestInput(values: UnitFormValues, version: number | undefined): Record<string, unknown> {
  const code = values.ffdCode.trim();
  return {
    name: values.name,
    shortName: values.shortName,
    ffdCode: code === '' ? undefined : Number(code),
    ...(version === undefined ? {} : { expectedVersion: version }),
  };
}

/** Validates with the same zod schemas as the server (Add for a new card, Update with the version seen). */
function unitResolver(unit: UnitView | null): Resolver<UnitFormValues, unknown, UnitBody> {
  return requestResolver(unit ? UpdateUnitRequest : AddUnitRequest, (values: UnitFormValues) => requestInput(values, unit?.version));
}

/** The card «Новая единица измерения» (unit null) or «Единица измерения»; its form is rebuilt each time it opens. */
export function UnitModal({ open, unit, onClose }: { open: boolean; unit: UnitView | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open={open} title={unit ? t('units.editTitle') : t('units.newTitle')} onCancel={onClose} footer={null} destroyOnHidden width={560}>
      <UnitForm key={unit?.id ?? 'new'} unit={unit} onDone={onClose} />
    </Modal>
  );
}

function UnitForm({ unit, onDone }: { unit: UnitView | null; onDone: () => void }) {
  const { t } = useTranslation();
  const add = useAddUnit();
  const update = useUpdateUnit();
  const { control, handleSubmit, setError, formState } = useForm<UnitFormValues, unknown, UnitBody>({
    resolver: unitResolver(unit),
    defaultValues: { name: unit?.name ?? '', shortName: unit?.shortName ?? '', ffdCode: unit ? String(unit.ffdCode) : '' },
  });
  const { problem, report, clear } = useFormProblem(setError, FIELDS);
  const { conflict, save } = useSaveCard(report, clear, onDone);

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
      <VerticalForm onSubmit={onSubmit}>
        <FormField control={control} name="name" label={t('units.name')} maxLength={64} autoComplete="off" autoFocus />
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <FormField control={control} name="shortName" label={t('units.shortName')} maxLength={16} autoComplete="off" extra={t('units.shortNameHint')} />
          </Col>
          <Col xs={24} sm={12}>
            <FormField control={control} name="ffdCode" label={t('units.ffdCode')} inputMode="numeric" maxLength={3} autoComplete="off" extra={t('units.ffdCodeHint')} />
          </Col>
        </Row>
        <CardButtons onCancel={onDone} submitLabel={unit ? t('common.save') : t('units.submitAdd')} submitting={formState.isSubmitting} />
      </VerticalForm>
      {unit && <UnitHistory id={unit.id} />}
    </>
  );
}
