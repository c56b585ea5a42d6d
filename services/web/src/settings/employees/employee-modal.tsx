import { AddEmployeeRequest, ROLES, UpdateEmployeeRequest, type EmployeeView, type Role } from '@elk/contracts';
import { LoginOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Row } from 'antd';
import { useState } from 'react';
import { useForm, useWatch, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../format-phone';
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
import { EmployeeHistory } from './employee-history';
import { useAddEmployee, useUpdateEmployee } from './employees-api';
import { EmployeeSmsModal } from './employee-sms-modal';
import { PhoneConfirmation } from './phone-confirmation';

/** What the inputs hold; the contract turns an empty patronymic or email into null. */
interface EmployeeFormValues {
  lastName: string;
  firstName: string;
  patronymic: string;
  phone: string;
  email: string;
  role: Role | undefined;
}

/** The body a valid card submits: AddEmployeeRequest, plus expectedVersion when editing. */
type EmployeeBody = AddEmployeeRequest & { expectedVersion?: number };

const FIELDS = ['lastName', 'firstName', 'patronymic', 'phone', 'email', 'role'] as const;

/** Validates with the same zod schemas as the server (Add for a new card, Update with the version seen). */
function employeeResolver(employee: EmployeeView | null): Resolver<EmployeeFormValues, unknown, EmployeeBody> {
  return requestResolver(employee ? UpdateEmployeeRequest : AddEmployeeRequest, (values: EmployeeFormValues) => ({
    ...values,
    ...(employee ? { expectedVersion: employee.version } : {}),
  }));
}

function defaultsOf(employee: EmployeeView | null): EmployeeFormValues {
  return {
    lastName: employee?.lastName ?? '',
    firstName: employee?.firstName ?? '',
    patronymic: employee?.patronymic ?? '',
    phone: employee ? formatPhone(employee.phone) : '',
    email: employee?.email ?? '',
    role: employee?.role,
  };
}

interface EmployeeModalProps {
  open: boolean;
  /** null: «Новый сотрудник». */
  employee: EmployeeView | null;
  /** Every field shown disabled, only «Закрыть»: a role without employees:write, or anyone but the Owner on the Owner. */
  readOnly?: boolean;
  onClose: () => void;
}

/** The card «Новый сотрудник» or «Сотрудник» (maybe read-only); its form is rebuilt each time it opens. */
export function EmployeeModal({ open, employee, readOnly = false, onClose }: EmployeeModalProps) {
  const { t } = useTranslation();
  return (
    <CardModal open={open} title={employee ? t('employees.editTitle') : t('employees.newTitle')} width={640} onClose={onClose}>
      <EmployeeForm key={employee?.id ?? 'new'} employee={employee} readOnly={readOnly} onDone={onClose} />
    </CardModal>
  );
}

function EmployeeForm({ employee, readOnly, onDone }: { employee: EmployeeView | null; readOnly: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const add = useAddEmployee();
  const update = useUpdateEmployee();
  const [pendingPhone, setPendingPhone] = useState<string | null>(null);
  const [inviting, setInviting] = useState(false);
  const { control, handleSubmit, setError, formState } = useForm<EmployeeFormValues, unknown, EmployeeBody>({
    resolver: employeeResolver(employee),
    defaultValues: defaultsOf(employee),
  });
  const { problem, report, clear } = useFormProblem(setError, FIELDS);
  // Once a new phone waits for its code, the rest is saved: the code card closes without asking.
  useUnsavedInput(formState.isDirty && pendingPhone === null);
  const { conflict, offline, retrying, save, retry } = useSaveCard(report, clear, onDone);
  // The Owner is the one who signed the organisation up: their role is shown, never chosen or changed.
  const ownerRow = employee?.role === 'owner';
  const roles = ROLES.filter((role) => (ownerRow ? role === 'owner' : role !== 'owner'));
  const roleOptions = roles.map((role) => ({ value: role, label: t(`roles.${role}`), description: t(`roleDescriptions.${role}`) }));
  const chosenRole = useWatch({ control, name: 'role' });

  const onSubmit = handleSubmit((body) =>
    save(async () => {
      if (!employee) {
        const added = await add.mutateAsync(body);
        return t('employees.added', { phone: formatPhone(added.phone) });
      }
      const { expectedVersion, ...fields } = body;
      const updated = await update.mutateAsync({ id: employee.id, body: { ...fields, expectedVersion: expectedVersion ?? employee.version } });
      // A new phone waits for the code sent to it: the card stays open to take it.
      if (updated.pendingPhone) {
        setPendingPhone(updated.pendingPhone);
        return null;
      }
      return t('employees.saved');
    }),
  );

  if (employee && pendingPhone) return <PhoneConfirmation employeeId={employee.id} phone={pendingPhone} onDone={onDone} />;

  return (
    <>
      {conflict && <Alert type="warning" showIcon title={t('employees.versionConflict')} style={{ marginBottom: 16 }} />}
      <ProblemAlert problem={problem} />
      {offline && <OfflineAlert onRetry={() => void retry()} retrying={retrying} />}
      <VerticalForm onSubmit={onSubmit} readOnly={readOnly}>
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <FormField control={control} name="lastName" label={t('employees.lastName')} maxLength={50} autoComplete="off" autoFocus />
          </Col>
          <Col xs={24} sm={8}>
            <FormField control={control} name="firstName" label={t('employees.firstName')} maxLength={50} autoComplete="off" />
          </Col>
          <Col xs={24} sm={8}>
            <FormField
              control={control}
              name="patronymic"
              label={t('employees.patronymic')}
              required={false}
              maxLength={50}
              autoComplete="off"
              placeholder={t('employees.optional')}
            />
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <FormField
              control={control}
              name="phone"
              label={t('employees.phone')}
              inputMode="tel"
              autoComplete="off"
              placeholder="+7 900 000-00-00"
              hint={t('employees.phoneHint')}
            />
          </Col>
          <Col xs={24} sm={12}>
            <FormField
              control={control}
              name="email"
              label={t('employees.email')}
              required={false}
              inputMode="email"
              autoComplete="off"
              maxLength={254}
              placeholder={t('employees.optional')}
            />
          </Col>
        </Row>
        <FormSelect
          control={control}
          name="role"
          label={t('employees.role')}
          options={roleOptions}
          placeholder={t('employees.rolePlaceholder')}
          disabled={ownerRow}
          extra={chosenRole && t(`roleDescriptions.${chosenRole}`)}
        />
        <CardButtons submitLabel={employee ? t('common.save') : t('employees.submitAdd')} submitting={formState.isSubmitting} readOnly={readOnly} />
      </VerticalForm>
      {employee && !readOnly && (
        <>
          <Button icon={<LoginOutlined />} onClick={() => setInviting(true)} style={{ marginTop: 16 }}>
            {t('employees.invite')}
          </Button>
          <EmployeeSmsModal sms="invitation" employee={inviting ? employee : null} onClose={() => setInviting(false)} />
        </>
      )}
      {employee && <EmployeeHistory id={employee.id} />}
    </>
  );
}
