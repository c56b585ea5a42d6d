import { can } from '@elk/auth';
import type { EmployeeView } from '@elk/contracts';
import { DeleteOutlined, EditOutlined, KeyOutlined, LoginOutlined, MoreOutlined } from '@ant-design/icons';
import { Button, Card, Dropdown, Empty, Flex, Table, Typography, type MenuProps, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../format-phone';
import { ConfirmDeleteModal } from '../../forms/confirm-delete-modal';
import { SearchBox } from '../../forms/search-box';
import { useDebounced } from '../../forms/use-debounced';
import { useAccount } from '../../shell/account-context';
import { ForbiddenPage } from '../../shell/forbidden-page';
import { LoadFailed } from '../../shell/load-failed';
import { OpenCardLink } from '../../shell/open-card-link';
import { PageHeader } from '../../shell/page-header';
import { ShowMore } from '../../shell/show-more';
import { employeeActions } from './employee-actions';
import { EmployeeModal } from './employee-modal';
import { useDeleteEmployee, useEmployees } from './employees-api';
import { InviteModal } from './invite-modal';
import { SendPinModal } from './send-pin-modal';
import { useRowSelection } from '../../shell/use-row-selection';
import { BulkSendPin } from './bulk-send-pin';

/** Which card is open: none, «Новый сотрудник», or an existing one (read-only unless the account may change that employee). */
type Editing = { kind: 'closed' } | { kind: 'new' } | { kind: 'open'; employee: EmployeeView };

const SEARCH_DELAY_MS = 300;

type MenuItem = NonNullable<MenuProps['items']>[number];

/** Настройки → Сотрудники: the search, the table (a name opens the card) with a ⋮ menu per row, «+ Добавить». */
export function EmployeesPage() {
  const { t } = useTranslation();
  const account = useAccount();
  const [query, setQuery] = useState('');
  const search = useDebounced(query.trim(), SEARCH_DELAY_MS);
  const list = useEmployees(search);
  const [editing, setEditing] = useState<Editing>({ kind: 'closed' });
  const [deleting, setDeleting] = useState<EmployeeView | null>(null);
  const [sendingPin, setSendingPin] = useState<EmployeeView | null>(null);
  const [inviting, setInviting] = useState<EmployeeView | null>(null);
  const selection = useRowSelection<EmployeeView>((employee) => employee.fullName);

  if (!can(account.role, 'employees:read')) return <ForbiddenPage />;
  const writable = can(account.role, 'employees:write');
  const employees = list.data?.pages.flatMap((page) => page.items) ?? [];

  /** The ⋮ menu of a row: only what the signed-in account may do to that employee. */
  const menuOf = (employee: EmployeeView): MenuItem[] => {
    const actions = employeeActions(account, employee);
    const items: MenuItem[] = [];
    if (actions.edit) items.push({ key: 'edit', icon: <EditOutlined />, label: t('employees.edit'), onClick: () => setEditing({ kind: 'open', employee }) });
    if (actions.sendPin) items.push({ key: 'pin', icon: <KeyOutlined />, label: t('employees.sendPin'), onClick: () => setSendingPin(employee) });
    if (actions.invite) items.push({ key: 'invite', icon: <LoginOutlined />, label: t('employees.invite'), onClick: () => setInviting(employee) });
    if (actions.remove) {
      items.push({ key: 'delete', icon: <DeleteOutlined />, danger: true, label: t('employees.delete'), onClick: () => setDeleting(employee) });
    }
    return items;
  };

  const columns: TableColumnsType<EmployeeView> = [
    {
      key: 'fullName',
      title: t('employees.fullName'),
      render: (_, employee) => <OpenCardLink onOpen={() => setEditing({ kind: 'open', employee })}>{employee.fullName}</OpenCardLink>,
    },
    {
      key: 'phone',
      title: t('employees.phoneShort'),
      dataIndex: 'phone',
      render: (phone: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatPhone(phone)}</span>,
    },
    {
      key: 'email',
      title: t('employees.email'),
      dataIndex: 'email',
      render: (email: string | null) => email ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    { key: 'role', title: t('employees.role'), dataIndex: 'role', render: (role: EmployeeView['role']) => t(`roles.${role}`) },
  ];
  if (writable) {
    columns.push({
      key: 'actions',
      width: 56,
      render: (_, employee) => {
        const items = menuOf(employee);
        return items.length > 0 ? (
          <Dropdown trigger={['click']} menu={{ items }}>
            <Button type="text" aria-label={t('employees.actions')} title={t('employees.actions')} icon={<MoreOutlined />} />
          </Dropdown>
        ) : null;
      },
    });
  }

  return (
    <Card>
      <PageHeader title={t('employees.title')} addLabel={t('employees.add')} onAdd={writable ? () => setEditing({ kind: 'new' }) : null} />
      <SearchBox value={query} onChange={setQuery} placeholder={t('employees.search')} />
      {list.isError ? (
        <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Flex vertical gap="middle">
          {writable && <BulkSendPin selected={selection.selected} onClear={selection.clear} />}
          <Table<EmployeeView>
            rowKey="id"
            rowSelection={writable ? selection.rowSelection : undefined}
            columns={columns}
            dataSource={employees}
            loading={list.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: list.isPending ? ' ' : <Empty description={search ? t('employees.notFound') : t('employees.empty')} /> }}
            onRow={() => ({ 'data-testid': 'employee-row' }) as HTMLAttributes<HTMLElement>}
          />
          <ShowMore list={list} label={t('employees.showMore')} />
        </Flex>
      )}
      <EmployeeModal
        open={editing.kind !== 'closed'}
        employee={editing.kind === 'open' ? editing.employee : null}
        readOnly={editing.kind === 'open' && !employeeActions(account, editing.employee).edit}
        onClose={() => setEditing({ kind: 'closed' })}
      />
      <SendPinModal employee={sendingPin} onClose={() => setSendingPin(null)} />
      <InviteModal employee={inviting} onClose={() => setInviting(null)} />
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
