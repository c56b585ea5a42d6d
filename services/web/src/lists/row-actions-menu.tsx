import { MoreOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useRef, type ReactNode } from 'react';
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
  const button = useRef<HTMLButtonElement>(null);
  if (actions.length === 0) return null;
  /**
   * A menu closed by Escape (or a click elsewhere) leaves the focus nowhere, antd's own return not reaching the button:
   * back to it. Not after an action, whose card takes the focus.
   */
  const returnFocus = (open: boolean, { source }: { source: 'trigger' | 'menu' }) => {
    if (open || source !== 'trigger') return;
    setTimeout(() => {
      const focused = document.activeElement;
      if (focused === null || focused === document.body || focused.closest('.ant-dropdown')) button.current?.focus();
    });
  };
  return (
    // A click in the menu (its portal included) must not reach a clickable row or card underneath. Enter on an entry
    // acts on keydown; without preventDefault its keypress would then press the first button of the card the action
    // opened (the card's «×», closing it at once).
    <span
      onClick={(event) => event.stopPropagation()}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && event.target instanceof Element && event.target.closest('[role="menuitem"]')) event.preventDefault();
      }}
    >
      <Dropdown
        trigger={['click']}
        autoFocus
        // Built anew at each opening, so that it opens on its first entry again.
        destroyOnHidden
        onOpenChange={returnFocus}
        menu={{ items: actions.map(({ key, label, icon, danger, onClick }) => ({ key, label, icon, danger, onClick: () => onClick() })) }}
      >
        <Button ref={button} type="text" aria-label={t('lists.actions')} title={t('lists.actions')} aria-haspopup="menu" icon={<MoreOutlined />} />
      </Dropdown>
    </span>
  );
}
