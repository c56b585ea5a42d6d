import { Empty, Flex, Select, Table, Typography, type TableColumnsType, type TableProps } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import type { HTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchList } from '../api/search-list';
import { LoadFailed } from '../shell/load-failed';
import { ListStatus } from '../shell/list-status';
import { ShowMore } from '../shell/show-more';
import { ListSearch } from './list-search';
import { RowActionsMenu, type RowAction } from './row-actions-menu';
import { PAGE_SIZES, type ListParams } from './use-list-params';

/** Read out by screen readers, not shown: the ⋮ column's header. */
const VISUALLY_HIDDEN = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clipPath: 'inset(50%)', whiteSpace: 'nowrap' } as const;

/** A column of a list's table. */
export interface ListColumn<T> {
  key: string;
  title: string;
  render: (row: T) => ReactNode;
  /** The field the server sorts by when the header is clicked (both ways); none: the column does not sort. */
  sortField?: string;
  align?: 'left' | 'right';
  /** A short column's width (px); the others share what is left, so that the names get the room. */
  width?: number;
}

/** A field a card list may be sorted by, with its name for the sort choice. */
export interface ListSortChoice {
  field: string;
  label: string;
}

interface CommonProps<T> {
  list: SearchList<T>;
  params: ListParams;
  /** The search box's hint; none: the list has no search (its filters do the finding). */
  searchPlaceholder?: string;
  /** The list's filters, shown beside the search. */
  filters?: ReactNode;
  /** True while a filter other than the search is set: the empty list then says «не найдено». */
  filtered?: boolean;
  emptyText: string;
  notFoundText: string;
  /** `data-testid` of each row or card. */
  itemTestId: string;
  /** What the account may do to a row: its ⋮ menu (none when empty). */
  actions?: (row: T) => readonly RowAction[];
}

interface TableListProps<T> extends CommonProps<T> {
  columns: readonly ListColumn<T>[];
  /** Below this width (px) the table scrolls inside itself, the ⋮ column staying at the right edge. */
  minWidth: number;
  /** Passed to antd's Table as is (bulk actions). */
  rowSelection?: TableProps<T>['rowSelection'];
  /** A click anywhere on a row opens it (a journal's details); a column still needs an OpenCardLink for the keyboard. */
  onOpen?: (row: T) => void;
}

interface CardListProps<T> extends CommonProps<T> {
  /** A card; `menu` is the row's ⋮ menu, for its corner. */
  renderCard: (row: T, menu: ReactNode) => ReactNode;
  sorts: readonly ListSortChoice[];
}

/**
 * Every list of the cabinet: the search and filters, then a table (sortable headers) or cards (a sort choice), then
 * «Всего: N», the page size and «Показать ещё». The search, the sort, the page size and the filters live in the address.
 */
export function DataList<T extends { id: string }>(props: TableListProps<T> | CardListProps<T>) {
  const { t } = useTranslation();
  const { list, params, searchPlaceholder, filters, filtered, emptyText, notFoundText } = props;
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const first = list.data?.pages[0];
  const empty = params.search !== '' || filtered ? notFoundText : emptyText;

  return (
    <Flex vertical gap="middle">
      <Flex gap="middle" wrap>
        {searchPlaceholder !== undefined && <ListSearch params={params} placeholder={searchPlaceholder} />}
        {filters}
        {'sorts' in props && <SortChoice params={params} sorts={props.sorts} />}
      </Flex>
      {list.isError ? (
        <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
      ) : 'columns' in props ? (
        <ListTable {...props} rows={rows} empty={empty} />
      ) : (
        <ListStatus list={list} empty={rows.length === 0 ? empty : null}>
          <Flex vertical gap="middle">
            {rows.map((row) => (
              <div key={row.id} data-testid={props.itemTestId}>
                {props.renderCard(row, props.actions && <RowActionsMenu actions={props.actions(row)} />)}
              </div>
            ))}
          </Flex>
        </ListStatus>
      )}
      <Flex justify="space-between" align="center" gap="middle" wrap>
        <Typography.Text type="secondary" data-testid="list-total">
          {first === undefined ? null : t(first.totalCapped ? 'lists.totalCapped' : 'lists.total', { count: first.total })}
        </Typography.Text>
        <ShowMore list={list} label={t('lists.showMore')} />
        <Select
          aria-label={t('lists.pageSize')}
          value={params.pageSize}
          onChange={(pageSize) => params.change({ pageSize })}
          options={PAGE_SIZES.map((size) => ({ value: size, label: t('lists.perPage', { count: size }) }))}
          style={{ width: 150 }}
        />
      </Flex>
    </Flex>
  );
}

function ListTable<T extends { id: string }>({ columns, minWidth, rowSelection, onOpen, actions, params, list, itemTestId, rows, empty }: TableListProps<T> & { rows: T[]; empty: string }) {
  const { t } = useTranslation();
  const sortOrder = (field: string | undefined): SortOrder => {
    if (!field) return null;
    if (params.sort === field) return 'ascend';
    return params.sort === `-${field}` ? 'descend' : null;
  };
  const tableColumns: TableColumnsType<T> = columns.map(({ key, title, render, sortField, align, width }) => ({
    key,
    title,
    align,
    width,
    render: (_, row) => render(row),
    // A long word wraps inside its cell instead of widening the table.
    onCell: () => ({ style: { overflowWrap: 'anywhere' } }),
    ...(sortField ? { sorter: true, sortOrder: sortOrder(sortField), sortDirections: ['ascend', 'descend'] as SortOrder[] } : {}),
  }));
  if (actions) {
    tableColumns.push({
      key: 'actions',
      title: <span style={VISUALLY_HIDDEN}>{t('lists.actions')}</span>,
      fixed: 'right',
      width: 56,
      render: (_, row) => <RowActionsMenu actions={actions(row)} />,
    });
  }
  return (
    <Table<T>
      rowKey="id"
      columns={tableColumns}
      dataSource={rows}
      loading={list.isPending}
      pagination={false}
      size="middle"
      scroll={{ x: minWidth }}
      rowSelection={rowSelection}
      locale={{ emptyText: list.isPending ? ' ' : <Empty description={empty} /> }}
      onRow={(row) => ({ 'data-testid': itemTestId, ...(onOpen ? { onClick: () => onOpen(row), style: { cursor: 'pointer' } } : {}) }) as HTMLAttributes<HTMLElement>}
      onChange={(_pagination, _filters, sorter, { action }) => {
        if (action !== 'sort' || Array.isArray(sorter)) return;
        // The order comes from the address, not from the table: the table's is that of its last render. A header's
        // click that takes the sort off names no column.
        const field = columns.find(({ key }) => key === sorter.columnKey)?.sortField;
        if (field) params.toggleSort(field);
        else params.change({ sort: undefined });
      }}
    />
  );
}

/** A card list's order: its own, or a field either way. */
function SortChoice({ params, sorts }: { params: ListParams; sorts: readonly ListSortChoice[] }) {
  const { t } = useTranslation();
  const options = [
    { value: '', label: t('lists.ownOrder') },
    ...sorts.flatMap(({ field, label }) => [
      { value: field, label: t('lists.ascending', { name: label }) },
      { value: `-${field}`, label: t('lists.descending', { name: label }) },
    ]),
  ];
  return (
    <Select
      aria-label={t('lists.sort')}
      prefix={t('lists.sort')}
      value={params.sort ?? ''}
      onChange={(sort) => params.change({ sort })}
      options={options}
      style={{ minWidth: 300 }}
    />
  );
}
