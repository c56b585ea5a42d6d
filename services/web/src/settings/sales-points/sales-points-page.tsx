import { can } from '@elk/auth';
import type { SalesPointView } from '@elk/contracts';
import { DeleteOutlined, EditOutlined, MoreOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Dropdown, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ConfirmDeleteModal } from '../../forms/confirm-delete-modal';
import { SearchBox } from '../../forms/search-box';
import { useDebounced } from '../../forms/use-debounced';
import { useAccount } from '../../shell/account-context';
import { ForbiddenPage } from '../../shell/forbidden-page';
import { ListStatus } from '../../shell/list-status';
import { PageHeader } from '../../shell/page-header';
import { ShowMore } from '../../shell/show-more';
import { useNarrowScreen } from '../../shell/use-narrow-screen';
import { SalesPointModal } from './sales-point-modal';
import { salesPointPath, useDeleteSalesPoint, useSalesPoints } from './sales-points-api';

/** Which card is open: none, «Новая точка продаж», or an existing one. */
type Editing = { kind: 'closed' } | { kind: 'new' } | { kind: 'edit'; point: SalesPointView };

const SEARCH_DELAY_MS = 300;

/** Настройки → Точки продаж: the search, a card per sales point with its ⋮ menu, «+ Добавить». */
export function SalesPointsPage() {
  const { t } = useTranslation();
  const { role } = useAccount();
  const [query, setQuery] = useState('');
  const search = useDebounced(query.trim(), SEARCH_DELAY_MS);
  const list = useSalesPoints(search);
  const [editing, setEditing] = useState<Editing>({ kind: 'closed' });
  const [deleting, setDeleting] = useState<SalesPointView | null>(null);

  if (!can(role, 'sales-points:read')) return <ForbiddenPage />;
  const writable = can(role, 'sales-points:write');
  const points = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Card>
      <PageHeader title={t('salesPoints.title')} addLabel={t('salesPoints.add')} onAdd={writable ? () => setEditing({ kind: 'new' }) : null} />
      <SearchBox value={query} onChange={setQuery} placeholder={t('salesPoints.search')} />
      <ListStatus list={list} empty={points.length === 0 ? search ? t('salesPoints.notFound') : t('salesPoints.empty') : null}>
        <Flex vertical gap="middle">
          {points.map((point) => (
            <SalesPointCard
              key={point.id}
              point={point}
              writable={writable}
              onEdit={() => setEditing({ kind: 'edit', point })}
              onDelete={() => setDeleting(point)}
            />
          ))}
          <ShowMore list={list} label={t('salesPoints.showMore')} />
        </Flex>
      </ListStatus>
      <SalesPointModal open={editing.kind !== 'closed'} point={editing.kind === 'edit' ? editing.point : null} onClose={() => setEditing({ kind: 'closed' })} />
      <DeleteSalesPointModal point={deleting} onClose={() => setDeleting(null)} />
    </Card>
  );
}

function SalesPointCard({ point, writable, onEdit, onDelete }: { point: SalesPointView; writable: boolean; onEdit: () => void; onDelete: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card
      type="inner"
      hoverable
      data-testid="sales-point-card"
      onClick={(event) => {
        // The name is a link already: let it navigate on its own.
        if (!(event.target instanceof Element && event.target.closest('a'))) void navigate(salesPointPath(point.id));
      }}
      title={<Link to={salesPointPath(point.id)}>{point.name}</Link>}
      extra={
        writable && (
          // The ⋮ menu (its portal included) must not open the page underneath.
          <span onClick={(event) => event.stopPropagation()}>
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'edit', icon: <EditOutlined />, label: t('salesPoints.edit'), onClick: onEdit },
                  { key: 'delete', icon: <DeleteOutlined />, danger: true, label: t('salesPoints.delete'), onClick: onDelete },
                ],
              }}
            >
              <Button type="text" aria-label={t('salesPoints.actions')} title={t('salesPoints.actions')} icon={<MoreOutlined />} />
            </Dropdown>
          </span>
        )
      }
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
