import { can } from '@elk/auth';
import type { UnitView } from '@elk/contracts';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteModal } from '../../forms/confirm-delete-modal';
import { DataList, type ListColumn } from '../../lists/data-list';
import { useListParams } from '../../lists/use-list-params';
import { useAccount } from '../../shell/account-context';
import { OpenCardLink } from '../../shell/open-card-link';
import { PageHeader } from '../../shell/page-header';
import { usePageTitle } from '../../shell/use-page-title';
import { ReplacementPick } from '../../forms/replacement-pick';
import { PRODUCTS_ROOT_KEY, useProductCount } from '../products/products-api';
import { UnitModal } from './unit-modal';
import { useAllUnits, useDeleteUnit, useUnits } from './units-api';

/** Which card is open: none, «Новая единица измерения», or an existing one (read-only without catalog:write). */
type Editing = { kind: 'closed' } | { kind: 'new' } | { kind: 'open'; unit: UnitView };

/**
 * Каталог → Единицы измерения: the search, the table (the FFD preset and the merchant's own, the most common first;
 * a name opens its card), «+ Добавить».
 */
export function UnitsPage() {
  const { t } = useTranslation();
  const { role } = useAccount();
  usePageTitle(t('units.title'));
  const params = useListParams();
  const list = useUnits(params);
  const [editing, setEditing] = useState<Editing>({ kind: 'closed' });
  const [deleting, setDeleting] = useState<UnitView | null>(null);
  const writable = can(role, 'catalog:write');

  const columns: ListColumn<UnitView>[] = [
    { key: 'name', title: t('units.name'), sortField: 'name', render: (unit) => <OpenCardLink onOpen={() => setEditing({ kind: 'open', unit })}>{unit.name}</OpenCardLink> },
    { key: 'shortName', title: t('units.shortName'), sortField: 'shortName', width: 200, render: ({ shortName }) => shortName },
    { key: 'ffdCode', title: t('units.ffdCode'), sortField: 'ffdCode', width: 140, render: ({ ffdCode }) => ffdCode },
  ];

  return (
    <Card>
      <PageHeader title={t('units.title')} addLabel={t('units.add')} onAdd={writable ? () => setEditing({ kind: 'new' }) : null} />
      <DataList<UnitView>
        list={list}
        params={params}
        searchPlaceholder={t('units.search')}
        emptyText={t('units.empty')}
        notFoundText={t('units.notFound')}
        itemTestId="unit-row"
        columns={columns}
        minWidth={520}
        actions={
          writable
            ? (unit) => [
                { key: 'edit', icon: <EditOutlined />, label: t('units.edit'), onClick: () => setEditing({ kind: 'open', unit }) },
                { key: 'delete', icon: <DeleteOutlined />, danger: true, label: t('units.delete'), onClick: () => setDeleting(unit) },
              ]
            : undefined
        }
      />
      <UnitModal
        open={editing.kind !== 'closed'}
        unit={editing.kind === 'open' ? editing.unit : null}
        readOnly={!writable}
        onClose={() => setEditing({ kind: 'closed' })}
      />
      <DeleteUnitModal unit={deleting} onClose={() => setDeleting(null)} />
    </Card>
  );
}

/**
 * The confirm card before a delete: «Удалить единицу измерения?», which one, Отмена / Удалить. A unit products are
 * measured in is offered a replacement: the products get it, then the unit goes («Заменить и удалить»).
 */
function DeleteUnitModal({ unit, onClose }: { unit: UnitView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remove = useDeleteUnit();
  const inUse = useProductCount(unit && { unitId: unit.id });
  const units = useAllUnits().data ?? [];
  const [replacement, setReplacement] = useState<string | null>(null);
  const products = inUse.data ?? 0;
  const close = () => {
    setReplacement(null);
    onClose();
  };
  return (
    <ConfirmDeleteModal
      open={unit !== null}
      title={t('units.deleteTitle')}
      okText={products > 0 ? t('units.replaceAndDelete') : t('units.delete')}
      okDisabled={products > 0 && replacement === null}
      description={
        unit && (
          <>
            {`${unit.name} (${unit.shortName}), ${t('units.ffdCode')} ${unit.ffdCode}`}
            {products > 0 && (
              <ReplacementPick
                label={t('units.replaceInProducts', { count: products })}
                value={replacement}
                onChange={setReplacement}
                options={units.filter(({ id }) => id !== unit.id).map(({ id, name, shortName }) => ({ value: id, label: `${name} (${shortName})` }))}
              />
            )}
          </>
        )
      }
      pending={remove.isPending || inUse.isLoading}
      onDelete={() =>
        remove.mutateAsync({ id: unit!.id, version: unit!.version, params: replacement === null ? undefined : { replaceWith: replacement } }).then(() => undefined)
      }
      deletedMessage={t('units.deleted')}
      conflictMessage={t('units.versionConflict')}
      onClose={close}
      // The products show their new unit in «Все товары».
      onDeleted={() => void queryClient.invalidateQueries({ queryKey: PRODUCTS_ROOT_KEY })}
    />
  );
}
