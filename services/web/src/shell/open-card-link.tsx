import { Button } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A record's name in a list, as a link to its card: every role that may read the list opens it (to change it
 * with the write permission, read-only without), with the «История изменений».
 */
export function OpenCardLink({ onOpen, children }: { onOpen: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Button
      type="link"
      title={t('common.open')}
      onClick={(event) => {
        // A tree node or a clickable card underneath must not react too.
        event.stopPropagation();
        onOpen();
      }}
      style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
    >
      {children}
    </Button>
  );
}
