import { can } from '@elk/auth';
import type { UnitView } from '@elk/contracts';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Space, Table, type TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteModal } from '../../forms/confirm-delete-modal';
import { SearchBox } from '../../forms/search-box';
import { useDebounced } from '../../forms/use-debounced';
import { useAccount } from '../../shell/account-context';
import { LoadFailed } from '../../shell/load-failed';
import { OpenCardLink } from '../../shell/open-card-link';
import { PageHeader } from '../../shell/page-header';
import { ShowMore } from '../../shell/show-more';
import { ReplacementPick } from '../../forms/replacement-pick';
import { PRODUCTS_ROOT_KEY, useProductCount } from '../products/products-api';
import { UnitModal } from './unit-modal';
import { useAllUnits, useDeleteUnit, useUnits } from './units-api';

/** Which card is open: none, «Новая единица измерения», or an existing one (read-only without catalog:write). */
type Editing = { kind: 'closed' } | { kind: 'new' } | { kind: 'open'; unit: UnitView };

const SEARCH_DELAY_MS = 300;

/** Каталог → Единицы измерения: the search, the table (the FFD preset and the merchant's own; a name opens its card), «+ Добавить». */
export function UnitsPage() {
  const { t } = useTranslation();
  const { role } = useAccount();
  const [query, setQuery] = useState('');
  const search = useDebounced(query.trim(), SEARCH_DELAY_MS);
  const list = useUnits(search);
  const [editing, setEditing] = useState<Editing>({ kind: 'closed' });
  const [deleting, setDeleting] = useState<UnitView | null>(null);
  const writable = can(role, 'catalog:write');
  const units = list.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: TableColumnsType<UnitView> = [
    { key: 'name', title: t('units.name'), render: (_, unit) => <OpenCardLink onOpen={() => setEditing({ kind: 'open', unit })}>{unit.name}</OpenCardLink> },
    { key: 'shortName', title: t('units.shortName'), dataIndex: 'shortName' },
    { key: 'ffdCode', title: t('units.ffdCode'), dataIndex: 'ffdCode', width: 120 },
  ];
  if (writable) {
    columns.push({
      key: 'actions',
      width: 96,
      render: (_, unit) => (
        <Space size="small">
          <Button type="text" aria-label={t('units.edit')} title={t('units.edit')} icon={<EditOutlined />} onClick={() => setEditing({ kind: 'open', unit })} />
          <Button type="text" danger aria-label={t('units.delete')} title={t('units.delete')} icon={<DeleteOutlined />} onClick={() => setDeleting(unit)} />
        </Space>
      ),
    });
  }

  return (
    <Card>
      <PageHeader title={t('units.title')} addLabel={t('units.add')} onAdd={writable ? () => setEditing({ kind: 'new' }) : null} />
      <SearchBox value={query} onChange={setQuery} placeholder={t('units.search')} />
      {list.isError ? (
        <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Flex vertical gap="middle">
          <Table<UnitView>
            rowKey="id"
            columns={columns}
            dataSource={units}
            loading={list.isPending}
            pagination={false}
            size="middle"
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: list.isPending ? ' ' : <Empty description={search ? t('units.notFound') : t('units.empty')} /> }}
            onRow={() => ({ 'data-testid': 'unit-row' }) as HTMLAttributes<HTMLElement>}
          />
          <ShowMore list={list} label={t('units.showMore')} />
        </Flex>
      )}
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
