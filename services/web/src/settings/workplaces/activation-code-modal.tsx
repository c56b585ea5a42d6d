import { IssueActivationCodeRequest, type WorkplaceView } from '@elk/contracts';
import { Typography } from 'antd';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CardButtons } from '../../forms/card-buttons';
import { CardModal, useUnsavedInput } from '../../forms/card-modal';
import { FormSelect } from '../../forms/form-select';
import { OfflineAlert } from '../../forms/offline-alert';
import { ProblemAlert } from '../../forms/problem-alert';
import { requestResolver } from '../../forms/request-resolver';
import { useFormProblem } from '../../forms/use-form-problem';
import { useSaveCard } from '../../forms/use-save-card';
import { VerticalForm } from '../../forms/vertical-form';
import { PickersLoader } from './pickers-loader';
import type { WorkplacePickers } from './workplace-pickers';
import { useIssueActivationCode } from './workplaces-api';

interface ActivationCodeValues {
  employeeId: string | undefined;
  salesPointId: string | undefined;
}

const FIELDS = ['employeeId', 'salesPointId'] as const;

/** ⋮ → «Получить код активации»: to whom the SMS goes and which sales point the workplace is bound to (its current ones first). */
export function ActivationCodeModal({ workplace, onClose }: { workplace: WorkplaceView | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <CardModal open={workplace !== null} title={t('workplaces.codeTitle')} width={560} onClose={onClose}>
      {workplace && <PickersLoader workplace={workplace} onDone={onClose}>{(pickers) => <ActivationCodeForm key={workplace.id} workplace={workplace} pickers={pickers} onDone={onClose} />}</PickersLoader>}
    </CardModal>
  );
}

function ActivationCodeForm({ workplace, pickers, onDone }: { workplace: WorkplaceView; pickers: WorkplacePickers; onDone: () => void }) {
  const { t } = useTranslation();
  const issue = useIssueActivationCode();
  const { control, handleSubmit, setError, formState } = useForm<ActivationCodeValues, unknown, IssueActivationCodeRequest>({
    resolver: requestResolver(IssueActivationCodeRequest, (values: ActivationCodeValues) => ({ ...values })),
    defaultValues: { employeeId: workplace.employeeId, salesPointId: workplace.salesPointId },
  });
  const { problem, report, clear } = useFormProblem(setError, FIELDS);
  useUnsavedInput(formState.isDirty);
  const { offline, retrying, save, retry } = useSaveCard(report, clear, onDone);

  const onSubmit = handleSubmit((body) =>
    save(async () => {
      const issued = await issue.mutateAsync({ id: workplace.id, body });
      return t('workplaces.codeSent', { to: pickers.recipient(issued) });
    }),
  );

  return (
    <>
      <Typography.Paragraph>{t('workplaces.codeText', { name: workplace.name })}</Typography.Paragraph>
      <ProblemAlert problem={problem} />
      {offline && <OfflineAlert onRetry={() => void retry()} retrying={retrying} />}
      <VerticalForm onSubmit={onSubmit}>
        <FormSelect control={control} name="employeeId" label={t('workplaces.employee')} options={pickers.employees} placeholder={t('workplaces.employeePlaceholder')} searchable />
        <FormSelect control={control} name="salesPointId" label={t('workplaces.salesPoint')} options={pickers.salesPoints} placeholder={t('workplaces.salesPointPlaceholder')} searchable />
        <CardButtons submitLabel={t('workplaces.codeSubmit')} submitting={formState.isSubmitting} />
      </VerticalForm>
    </>
  );
}
