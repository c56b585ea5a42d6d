import { can } from '@elk/auth';
import type { WorkplaceView } from '@elk/contracts';
import { DeleteOutlined, EditOutlined, HistoryOutlined, KeyOutlined, StopOutlined } from '@ant-design/icons';
import { Badge, Card, Flex, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CardButtons } from '../../forms/card-buttons';
import { CardModal } from '../../forms/card-modal';
import { ConfirmDeleteModal } from '../../forms/confirm-delete-modal';
import { DataList, type ListColumn } from '../../lists/data-list';
import type { RowAction } from '../../lists/row-actions-menu';
import { useListParams } from '../../lists/use-list-params';
import { useAccount } from '../../shell/account-context';
import { ForbiddenPage } from '../../shell/forbidden-page';
import { OpenCardLink } from '../../shell/open-card-link';
import { PageHeader } from '../../shell/page-header';
import { usePageTitle } from '../../shell/use-page-title';
import { ActivationCodeModal } from './activation-code-modal';
import { WorkplaceHistory } from './workplace-history';
import { WorkplaceModal } from './workplace-modal';
import { useWorkplacePickers } from './workplace-pickers';
import { useDeactivateWorkplace, useDeleteWorkplace, useWorkplaces } from './workplaces-api';

/** Which card is open: none, «Новое рабочее место», or an existing one (read-only without workplaces:write). */
type Editing = { kind: 'closed' } | { kind: 'new' } | { kind: 'open'; workplace: WorkplaceView };

/** What a ⋮ entry other than Изменить opened, and for which workplace. */
type Acting = { kind: 'code' | 'deactivate' | 'delete' | 'history'; workplace: WorkplaceView } | null;

/** A coloured dot beside the status in the text's own colour: a coloured text would be too pale under an open card's mask. */
const STATUS_BADGES = { 'not-activated': 'default', activated: 'success', deactivated: 'error' } as const;

/** Настройки → Рабочие места: the search by name or number, the table with a ⋮ menu per row, «+ Добавить». */
export function WorkplacesPage() {
  const { t } = useTranslation();
  const { role } = useAccount();
  usePageTitle(t('workplaces.title'));
  const params = useListParams();
  const list = useWorkplaces(params);
  const [editing, setEditing] = useState<Editing>({ kind: 'closed' });
  const [acting, setActing] = useState<Acting>(null);

  if (!can(role, 'workplaces:read')) return <ForbiddenPage />;
  const writable = can(role, 'workplaces:write');
  const nextFreeNumber = list.data?.pages[0]?.nextFreeNumber ?? null;
  const close = () => setActing(null);

  /** Every role that reads the list reads the history; only a writer gets the rest, Деактивировать only while activated. */
  const actionsOf = (workplace: WorkplaceView): RowAction[] => {
    const act = (kind: NonNullable<Acting>['kind']) => () => setActing({ kind, workplace });
    const history: RowAction = { key: 'history', icon: <HistoryOutlined />, label: t('workplaces.history'), onClick: act('history') };
    if (!writable) return [history];
    return [
      { key: 'edit', icon: <EditOutlined />, label: t('workplaces.edit'), onClick: () => setEditing({ kind: 'open', workplace }) },
      { key: 'code', icon: <KeyOutlined />, label: t('workplaces.getCode'), onClick: act('code') },
      ...(workplace.status === 'activated' ? [{ key: 'deactivate', icon: <StopOutlined />, danger: true, label: t('workplaces.deactivate'), onClick: act('deactivate') }] : []),
      history,
      { key: 'delete', icon: <DeleteOutlined />, danger: true, label: t('workplaces.delete'), onClick: act('delete') },
    ];
  };

  const columns: ListColumn<WorkplaceView>[] = [
    { key: 'number', title: t('workplaces.number'), sortField: 'number', width: 96, render: ({ number }) => number },
    {
      key: 'name',
      title: t('workplaces.name'),
      sortField: 'name',
      render: (workplace) => <OpenCardLink onOpen={() => setEditing({ kind: 'open', workplace })}>{workplace.name}</OpenCardLink>,
    },
    { key: 'type', title: t('workplaces.type'), width: 140, render: ({ type }) => t(`workplaces.types.${type}`) },
    { key: 'salesPoint', title: t('workplaces.salesPoint'), render: ({ salesPointName }) => salesPointName },
    { key: 'employee', title: t('workplaces.employee'), render: ({ employeeName }) => employeeName },
    { key: 'status', title: t('workplaces.status'), width: 240, render: (workplace) => <WorkplaceStatus workplace={workplace} /> },
  ];

  return (
    <Card>
      <PageHeader title={t('workplaces.title')} addLabel={t('workplaces.add')} onAdd={writable ? () => setEditing({ kind: 'new' }) : null} />
      <DataList<WorkplaceView>
        list={list}
        params={params}
        searchPlaceholder={t('workplaces.search')}
        emptyText={t('workplaces.empty')}
        notFoundText={t('workplaces.notFound')}
        itemTestId="workplace-row"
        columns={columns}
        minWidth={900}
        actions={actionsOf}
      />
      <WorkplaceModal
        open={editing.kind !== 'closed'}
        workplace={editing.kind === 'open' ? editing.workplace : null}
        nextFreeNumber={nextFreeNumber}
        readOnly={!writable}
        onClose={() => setEditing({ kind: 'closed' })}
      />
      <ActivationCodeModal workplace={acting?.kind === 'code' ? acting.workplace : null} onClose={close} />
      <DeactivateWorkplaceModal workplace={acting?.kind === 'deactivate' ? acting.workplace : null} onClose={close} />
      <DeleteWorkplaceModal workplace={acting?.kind === 'delete' ? acting.workplace : null} onClose={close} />
      <WorkplaceHistoryModal workplace={acting?.kind === 'history' ? acting.workplace : null} onClose={close} />
    </Card>
  );
}

/** Не активировано / Активировано (the device's model and serial, when, whose code) / Деактивировано. */
function WorkplaceStatus({ workplace }: { workplace: WorkplaceView }) {
  const { t } = useTranslation();
  const { status, device, activatedAt, activatedByName } = workplace;
  return (
    <Flex vertical gap={2} align="start">
      <Badge status={STATUS_BADGES[status]} text={t(`workplaces.statuses.${status}`)} />
      {status === 'activated' && device && (
        <>
          <Typography.Text>{t('workplaces.device', { model: device.model, serial: device.serial })}</Typography.Text>
          {activatedAt && (
            <Typography.Text type="secondary">{t('workplaces.activatedWhen', { at: dayjs(activatedAt).format('DD.MM.YYYY HH:mm'), name: activatedByName ?? t('history.unknownActor') })}</Typography.Text>
          )}
        </>
      )}
    </Flex>
  );
}

/** The confirm card before a delete: «Удалить рабочее место?», which one, and that its terminal stops working. */
function DeleteWorkplaceModal({ workplace, onClose }: { workplace: WorkplaceView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteWorkplace();
  return (
    <ConfirmDeleteModal
      open={workplace !== null}
      title={t('workplaces.deleteTitle')}
      okText={t('workplaces.delete')}
      description={workplace && <WorkplaceSummary workplace={workplace} hint={t('workplaces.deleteHint')} />}
      pending={remove.isPending}
      onDelete={() => remove.mutateAsync({ id: workplace!.id, version: workplace!.version }).then(() => undefined)}
      deletedMessage={t('workplaces.deleted')}
      conflictMessage={t('workplaces.versionConflict')}
      onClose={onClose}
    />
  );
}

/** The confirm card before «Деактивировать»: the terminal's next request is refused; a new code may be asked for after. */
function DeactivateWorkplaceModal({ workplace, onClose }: { workplace: WorkplaceView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const deactivate = useDeactivateWorkplace();
  return (
    <ConfirmDeleteModal
      open={workplace !== null}
      title={t('workplaces.deactivateTitle')}
      okText={t('workplaces.deactivate')}
      description={workplace && <WorkplaceSummary workplace={workplace} hint={t('workplaces.deactivateHint')} />}
      pending={deactivate.isPending}
      onDelete={() => deactivate.mutateAsync(workplace!.id).then(() => undefined)}
      deletedMessage={t('workplaces.deactivated')}
      conflictMessage={t('workplaces.versionConflict')}
      onClose={onClose}
    />
  );
}

function WorkplaceSummary({ workplace, hint }: { workplace: WorkplaceView; hint: string }) {
  const { t } = useTranslation();
  return (
    <>
      {t('workplaces.summary', { number: workplace.number, name: workplace.name, salesPoint: workplace.salesPointName })}
      <br />
      <Typography.Text type="secondary">{hint}</Typography.Text>
    </>
  );
}

/** ⋮ → «История»: the workplace's «История изменений» in a card of its own. */
function WorkplaceHistoryModal({ workplace, onClose }: { workplace: WorkplaceView | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <CardModal open={workplace !== null} title={t('workplaces.historyTitle', { name: workplace?.name ?? '' })} width={640} onClose={onClose}>
      {workplace && <HistoryWithNames workplace={workplace} />}
    </CardModal>
  );
}

/** The names of sales points and employees first, so that the history names them. */
function HistoryWithNames({ workplace }: { workplace: WorkplaceView }) {
  const { t } = useTranslation();
  const pickers = useWorkplacePickers(workplace);
  return (
    <>
      {pickers.pending ? (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      ) : (
        <WorkplaceHistory id={workplace.id} names={pickers.names} shown />
      )}
      <CardButtons submitLabel={t('common.close')} submitting={false} readOnly />
    </>
  );
}
