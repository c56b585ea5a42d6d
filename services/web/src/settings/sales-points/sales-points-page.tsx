import { can } from '@elk/auth';
import type { SalesPointView } from '@elk/contracts';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Card, Descriptions, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ConfirmDeleteModal } from '../../forms/confirm-delete-modal';
import { useAccount } from '../../shell/account-context';
import { ForbiddenPage } from '../../shell/forbidden-page';
import { DataList } from '../../lists/data-list';
import { useListParams } from '../../lists/use-list-params';
import { PageHeader } from '../../shell/page-header';
import { useNarrowScreen } from '../../shell/use-narrow-screen';
import { usePageTitle } from '../../shell/use-page-title';
import { SalesPointModal } from './sales-point-modal';
import { salesPointPath, useDeleteSalesPoint, useSalesPoints } from './sales-points-api';

/** Which card is open: none, «Новая точка продаж», or an existing one. */
type Editing = { kind: 'closed' } | { kind: 'new' } | { kind: 'edit'; point: SalesPointView };

/** Настройки → Точки продаж: the search, a card per sales point with its ⋮ menu, «+ Добавить». */
export function SalesPointsPage() {
  const { t } = useTranslation();
  const { role } = useAccount();
  usePageTitle(t('salesPoints.title'));
  const params = useListParams();
  const list = useSalesPoints(params);
  const [editing, setEditing] = useState<Editing>({ kind: 'closed' });
  const [deleting, setDeleting] = useState<SalesPointView | null>(null);

  if (!can(role, 'sales-points:read')) return <ForbiddenPage />;
  const writable = can(role, 'sales-points:write');

  return (
    <Card>
      <PageHeader title={t('salesPoints.title')} addLabel={t('salesPoints.add')} onAdd={writable ? () => setEditing({ kind: 'new' }) : null} />
      <DataList<SalesPointView>
        list={list}
        params={params}
        searchPlaceholder={t('salesPoints.search')}
        emptyText={t('salesPoints.empty')}
        notFoundText={t('salesPoints.notFound')}
        itemTestId="sales-point-card"
        sorts={[
          { field: 'name', label: t('salesPoints.name') },
          { field: 'address', label: t('salesPoints.address') },
        ]}
        actions={
          writable
            ? (point) => [
                { key: 'edit', icon: <EditOutlined />, label: t('salesPoints.edit'), onClick: () => setEditing({ kind: 'edit', point }) },
                { key: 'delete', icon: <DeleteOutlined />, danger: true, label: t('salesPoints.delete'), onClick: () => setDeleting(point) },
              ]
            : undefined
        }
        renderCard={(point, menu) => <SalesPointCard point={point} menu={menu} />}
      />
      <SalesPointModal open={editing.kind !== 'closed'} point={editing.kind === 'edit' ? editing.point : null} onClose={() => setEditing({ kind: 'closed' })} />
      <DeleteSalesPointModal point={deleting} onClose={() => setDeleting(null)} />
    </Card>
  );
}

/** A sales point's card: a click anywhere on it (but its ⋮ menu) opens the sales point's page. */
function SalesPointCard({ point, menu }: { point: SalesPointView; menu: ReactNode }) {
  const navigate = useNavigate();
  return (
    <Card
      type="inner"
      hoverable
      onClick={(event) => {
        // The name is a link already: let it navigate on its own.
        if (!(event.target instanceof Element && event.target.closest('a'))) void navigate(salesPointPath(point.id));
      }}
      title={<Link to={salesPointPath(point.id)} style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>{point.name}</Link>}
      extra={menu}
    >
      <SalesPointDescriptions point={point} />
    </Card>
  );
}

/** Name-less facts of a sales point: address, brand, legal entity (the list card and the page share them). */
export function SalesPointDescriptions({ point }: { point: SalesPointView }) {
  const { t } = useTranslation();
  const narrow = useNarrowScreen();
  return (
    <Descriptions
      column={1}
      size="small"
      layout={narrow ? 'vertical' : 'horizontal'}
      styles={{ label: { width: narrow ? undefined : 220 } }}
      items={[
        { key: 'address', label: t('salesPoints.address'), children: point.address },
        { key: 'brand', label: t('salesPoints.brand'), children: point.brand ?? <Typography.Text type="secondary">{t('salesPoints.brandNotSet')}</Typography.Text> },
        { key: 'legalEntity', label: t('salesPoints.legalEntity'), children: point.legalEntityName },
      ]}
    />
  );
}

/** The confirm card before a delete: «Удалить точку продаж?», the name and address, Отмена / Удалить. */
export function DeleteSalesPointModal({ point, onClose, onDeleted }: { point: SalesPointView | null; onClose: () => void; onDeleted?: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteSalesPoint();
  return (
    <ConfirmDeleteModal
      open={point !== null}
      title={t('salesPoints.deleteTitle')}
      okText={t('salesPoints.delete')}
      description={point && `${point.name}, ${point.address}`}
      pending={remove.isPending}
      onDelete={() => remove.mutateAsync({ id: point!.id, version: point!.version }).then(() => undefined)}
      deletedMessage={t('salesPoints.deleted')}
      conflictMessage={t('salesPoints.versionConflict')}
      onClose={onClose}
      onDeleted={onDeleted}
    />
  );
}
