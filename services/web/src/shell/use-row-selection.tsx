import type { TableProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type RowSelection<T> = NonNullable<TableProps<T>['rowSelection']>;

/**
 * The rows ticked in a list (its header box ticks every row shown), for a bulk action: pass `rowSelection` to the
 * table and act on `selected`, as the rows were when ticked (their versions among them). `nameOf` names a row's box
 * for screen readers («Выбрать: Латте»).
 */
export function useRowSelection<T extends { id: string }>(nameOf: (row: T) => string) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<T[]>([]);
  const rowSelection: RowSelection<T> = {
    selectedRowKeys: selected.map((row) => row.id),
    // Rows ticked before «Показать ещё» or a new search stay ticked.
    preserveSelectedRowKeys: true,
    onChange: (_keys, rows) => setSelected(rows.filter((row): row is T => row !== undefined)),
    getCheckboxProps: (row) => ({ 'aria-label': t('bulk.selectRow', { name: nameOf(row) }) }),
    columnTitle: (checkbox) => <InertWhenHidden>{checkbox}</InertWhenHidden>,
  };
  return { selected, rowSelection, clear: () => setSelected([]) };
}

/**
 * A table that scrolls sideways measures its columns in a hidden row that renders every column title again, the header
 * box too: that copy must take no focus (a keyboard would land in it, and screen readers call it a hidden focusable).
 */
function InertWhenHidden({ children }: { children: ReactNode }) {
  return <span ref={(element) => void (element?.closest('[aria-hidden="true"]') && element.setAttribute('inert', ''))}>{children}</span>;
}
