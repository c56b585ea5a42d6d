import { AddWorkplaceRequest, UpdateWorkplaceRequest, WORKPLACE_TYPES, type WorkplaceType, type WorkplaceView } from '@elk/contracts';
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
import { PickersLoader } from './pickers-loader';
import { WorkplaceHistory } from './workplace-history';
import type { WorkplacePickers } from './workplace-pickers';
import { useAddWorkplace, useUpdateWorkplace } from './workplaces-api';

/** What the inputs hold; the number is typed as text and becomes a number (or nothing) in the request. */
interface WorkplaceFormValues {
  name: string;
  number: string;
  type: WorkplaceType | undefined;
  salesPointId: string | undefined;
  employeeId: string | undefined;
}

/** The body a valid card submits: AddWorkplaceRequest, plus expectedVersion when editing. */
type WorkplaceBody = AddWorkplaceRequest & { expectedVersion?: number };

const FIELDS = ['name', 'number', 'type', 'salesPointId', 'employeeId'] as const;

function requestInput(values: WorkplaceFormValues, version: number | undefined): Record<string, unknown> {
  const typed = values.number.trim();
  return {
    name: values.name,
    number: typed === '' ? undefined : Number(typed),
    type: values.type,
    salesPointId: values.salesPointId,
    employeeId: values.employeeId,
    ...(version === undefined ? {} : { expectedVersion: version }),
  };
}

/** Validates with the same zod schemas as the server (Add for a new card, Update with the version seen). */
function workplaceResolver(workplace: WorkplaceView | null): Resolver<WorkplaceFormValues, unknown, WorkplaceBody> {
  return requestResolver(workplace ? UpdateWorkplaceRequest : AddWorkplaceRequest, (values: WorkplaceFormValues) => requestInput(values, workplace?.version));
}

/** A new card suggests the next free number, and the sales point when there is only one. */
function defaultsOf(workplace: WorkplaceView | null, nextFreeNumber: number | null, pickers: WorkplacePickers): WorkplaceFormValues {
  return {
    name: workplace?.name ?? '',
    number: String(workplace?.number ?? nextFreeNumber ?? ''),
    type: workplace?.type,
    salesPointId: workplace?.salesPointId ?? (pickers.salesPoints.length === 1 ? pickers.salesPoints[0]?.value : undefined),
    employeeId: workplace?.employeeId,
  };
}

interface WorkplaceModalProps {
  open: boolean;
  /** null: «Новое рабочее место». */
  workplace: WorkplaceView | null;
  /** The number «+ Добавить» suggests (null: 1–99 are taken). */
  nextFreeNumber: number | null;
  /** Every field as text, only «Закрыть»: a role without workplaces:write. */
  readOnly: boolean;
  onClose: () => void;
}

/** The card «Новое рабочее место» or «Рабочее место» (maybe read-only); its form is rebuilt each time it opens. */
export function WorkplaceModal({ open, workplace, nextFreeNumber, readOnly, onClose }: WorkplaceModalProps) {
  const { t } = useTranslation();
  return (
    <CardModal open={open} title={workplace ? t('workplaces.editTitle') : t('workplaces.newTitle')} width={640} onClose={onClose}>
      <PickersLoader workplace={workplace} onDone={onClose}>
        {(pickers) => <WorkplaceForm key={workplace?.id ?? 'new'} workplace={workplace} nextFreeNumber={nextFreeNumber} pickers={pickers} readOnly={readOnly} onDone={onClose} />}
      </PickersLoader>
    </CardModal>
  );
}

function WorkplaceForm({ workplace, nextFreeNumber, pickers, readOnly, onDone }: Omit<WorkplaceModalProps, 'open' | 'onClose'> & { pickers: WorkplacePickers; onDone: () => void }) {
  const { t } = useTranslation();
  const add = useAddWorkplace();
  const update = useUpdateWorkplace();
  const { control, handleSubmit, setError, formState } = useForm<WorkplaceFormValues, unknown, WorkplaceBody>({
    resolver: workplaceResolver(workplace),
    defaultValues: defaultsOf(workplace, nextFreeNumber, pickers),
  });
  const { problem, report, clear } = useFormProblem(setError, FIELDS);
  useUnsavedInput(formState.isDirty);
  const { conflict, offline, retrying, save, retry } = useSaveCard(report, clear, onDone);
  const typeOptions = WORKPLACE_TYPES.map((type) => ({ value: type, label: t(`workplaces.types.${type}`), description: t(`workplaces.typeDescriptions.${type}`) }));

  const onSubmit = handleSubmit((body) =>
    save(async () => {
      if (workplace) {
        const { expectedVersion, ...fields } = body;
        await update.mutateAsync({ id: workplace.id, body: { ...fields, expectedVersion: expectedVersion ?? workplace.version } });
        return t('workplaces.saved');
      }
      const added = await add.mutateAsync(body);
      return t('workplaces.added', { to: pickers.recipient(added) });
    }),
  );

  return (
    <>
      {conflict && <Alert type="warning" showIcon title={t('workplaces.versionConflict')} style={{ marginBottom: 16 }} />}
      <ProblemAlert problem={problem} />
      {offline && <OfflineAlert onRetry={() => void retry()} retrying={retrying} />}
      <VerticalForm onSubmit={onSubmit} readOnly={readOnly}>
        <Row gutter={16}>
          <Col xs={24} sm={16}>
            <FormField control={control} name="name" label={t('workplaces.name')} maxLength={128} autoComplete="off" autoFocus placeholder={t('workplaces.namePlaceholder')} />
          </Col>
          <Col xs={24} sm={8}>
            <FormField control={control} name="number" label={t('workplaces.number')} inputMode="numeric" autoComplete="off" hint={t('workplaces.numberHint')} />
          </Col>
        </Row>
        <FormSelect control={control} name="type" label={t('workplaces.type')} options={typeOptions} placeholder={t('workplaces.typePlaceholder')} />
        <FormSelect control={control} name="salesPointId" label={t('workplaces.salesPoint')} options={pickers.salesPoints} placeholder={t('workplaces.salesPointPlaceholder')} searchable />
        <FormSelect
          control={control}
          name="employeeId"
          label={t('workplaces.employee')}
          options={pickers.employees}
          placeholder={t('workplaces.employeePlaceholder')}
          searchable
          hint={workplace ? undefined : t('workplaces.employeeHint')}
        />
        <CardButtons submitLabel={workplace ? t('common.save') : t('workplaces.submitAdd')} submitting={formState.isSubmitting} readOnly={readOnly} />
      </VerticalForm>
      {workplace && <WorkplaceHistory id={workplace.id} names={pickers.names} />}
    </>
  );
}
