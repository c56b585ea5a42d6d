import { MoreOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One entry of a row's ⋮ menu. */
export interface RowAction {
  key: string;
  label: string;
  icon: ReactNode;
  danger?: boolean;
  onClick: () => void;
}

/**
 * A row's (or a card's) ⋮ menu: a real button named «Действия». Enter or Space opens it with the first entry focused
 * (antd's `autoFocus`), the arrows move, Enter acts, Escape closes it and gives the focus back to the button. Nothing
 * when the account may do nothing to the row.
 */
export function RowActionsMenu({ actions }: { actions: readonly RowAction[] }) {
  const { t } = useTranslation();
  if (actions.length === 0) return null;
  return (
    // A click in the menu (its portal included) must not reach a clickable row or card underneath.
    <span onClick={(event) => event.stopPropagation()}>
      <Dropdown
        trigger={['click']}
        autoFocus
        menu={{ items: actions.map(({ key, label, icon, danger, onClick }) => ({ key, label, icon, danger, onClick: () => onClick() })) }}
      >
        <Button type="text" aria-label={t('lists.actions')} title={t('lists.actions')} aria-haspopup="menu" icon={<MoreOutlined />} />
      </Dropdown>
    </span>
  );
}
