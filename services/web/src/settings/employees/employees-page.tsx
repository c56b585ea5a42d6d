import { can } from '@elk/auth';
import type { EmployeeView } from '@elk/contracts';
import { DeleteOutlined, EditOutlined, KeyOutlined, LoginOutlined } from '@ant-design/icons';
import { Card, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../format-phone';
import { ConfirmDeleteModal } from '../../forms/confirm-delete-modal';
import { DataList, type ListColumn } from '../../lists/data-list';
import type { RowAction } from '../../lists/row-actions-menu';
import { useListParams } from '../../lists/use-list-params';
import { useAccount } from '../../shell/account-context';
import { ForbiddenPage } from '../../shell/forbidden-page';
import { OpenCardLink } from '../../shell/open-card-link';
import { PageHeader } from '../../shell/page-header';
import { usePageTitle } from '../../shell/use-page-title';
import { useRowSelection } from '../../shell/use-row-selection';
import { BulkSendPin } from './bulk-send-pin';
import { employeeActions } from './employee-actions';
import { EmployeeModal } from './employee-modal';
import { useDeleteEmployee, useEmployees } from './employees-api';
import { EmployeeSmsModal } from './employee-sms-modal';

/** Which card is open: none, «Новый сотрудник», or an existing one (read-only unless the account may change that employee). */
type Editing = { kind: 'closed' } | { kind: 'new' } | { kind: 'open'; employee: EmployeeView };

/** Настройки → Сотрудники: the search, the table (a name opens the card) with a ⋮ menu per row, «+ Добавить». */
export function EmployeesPage() {
  const { t } = useTranslation();
  const account = useAccount();
  usePageTitle(t('employees.title'));
  const params = useListParams();
  const list = useEmployees(params);
  const [editing, setEditing] = useState<Editing>({ kind: 'closed' });
  const [deleting, setDeleting] = useState<EmployeeView | null>(null);
  const [sendingPin, setSendingPin] = useState<EmployeeView | null>(null);
  const [inviting, setInviting] = useState<EmployeeView | null>(null);
  const selection = useRowSelection<EmployeeView>((employee) => employee.fullName);

  if (!can(account.role, 'employees:read')) return <ForbiddenPage />;
  const writable = can(account.role, 'employees:write');

  /** The ⋮ menu of a row: only what the signed-in account may do to that employee. */
  const actionsOf = (employee: EmployeeView): RowAction[] => {
    const allowed = employeeActions(account, employee);
    const actions: RowAction[] = [];
    if (allowed.edit) actions.push({ key: 'edit', icon: <EditOutlined />, label: t('employees.edit'), onClick: () => setEditing({ kind: 'open', employee }) });
    if (allowed.sendPin) actions.push({ key: 'pin', icon: <KeyOutlined />, label: t('employees.sendPin'), onClick: () => setSendingPin(employee) });
    if (allowed.invite) actions.push({ key: 'invite', icon: <LoginOutlined />, label: t('employees.invite'), onClick: () => setInviting(employee) });
    if (allowed.remove) actions.push({ key: 'delete', icon: <DeleteOutlined />, danger: true, label: t('employees.delete'), onClick: () => setDeleting(employee) });
    return actions;
  };

  const columns: ListColumn<EmployeeView>[] = [
    {
      key: 'fullName',
      title: t('employees.fullName'),
      sortField: 'fullName',
      render: (employee) => <OpenCardLink onOpen={() => setEditing({ kind: 'open', employee })}>{employee.fullName}</OpenCardLink>,
    },
    { key: 'phone', title: t('employees.phoneShort'), sortField: 'phone', render: ({ phone }) => <span style={{ whiteSpace: 'nowrap' }}>{formatPhone(phone)}</span> },
    { key: 'email', title: t('employees.email'), render: ({ email }) => email ?? <Typography.Text type="secondary">—</Typography.Text> },
    { key: 'role', title: t('employees.role'), render: ({ role }) => t(`roles.${role}`) },
  ];

  return (
    <Card>
      <PageHeader title={t('employees.title')} addLabel={t('employees.add')} onAdd={writable ? () => setEditing({ kind: 'new' }) : null} />
      {writable && <BulkSendPin selected={selection.selected} onClear={selection.clear} />}
      <DataList<EmployeeView>
        list={list}
        params={params}
        searchPlaceholder={t('employees.search')}
        emptyText={t('employees.empty')}
        notFoundText={t('employees.notFound')}
        itemTestId="employee-row"
        columns={columns}
        minWidth={720}
        rowSelection={writable ? selection.rowSelection : undefined}
        actions={writable ? actionsOf : undefined}
      />
      <EmployeeModal
        open={editing.kind !== 'closed'}
        employee={editing.kind === 'open' ? editing.employee : null}
        readOnly={editing.kind === 'open' && !employeeActions(account, editing.employee).edit}
        onClose={() => setEditing({ kind: 'closed' })}
      />
      <EmployeeSmsModal sms="pin" employee={sendingPin} onClose={() => setSendingPin(null)} />
      <EmployeeSmsModal sms="invitation" employee={inviting} onClose={() => setInviting(null)} />
      <DeleteEmployeeModal employee={deleting} onClose={() => setDeleting(null)} />
    </Card>
  );
}

/** The confirm card before a delete: «Удалить сотрудника?», who, and that their sessions end. */
function DeleteEmployeeModal({ employee, onClose }: { employee: EmployeeView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteEmployee();
  return (
    <ConfirmDeleteModal
      open={employee !== null}
      title={t('employees.deleteTitle')}
      okText={t('employees.delete')}
      description={
        employee && (
          <>
            {employee.fullName}, {t(`roles.${employee.role}`)}, {formatPhone(employee.phone)}
            <br />
            <Typography.Text type="secondary">{t('employees.deleteHint')}</Typography.Text>
          </>
        )
      }
      pending={remove.isPending}
      onDelete={() => remove.mutateAsync({ id: employee!.id, version: employee!.version }).then(() => undefined)}
      deletedMessage={t('employees.deleted')}
      conflictMessage={t('employees.versionConflict')}
      onClose={onClose}
    />
  );
}
