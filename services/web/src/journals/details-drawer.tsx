import type { UseQueryResult } from '@tanstack/react-query';
import { Drawer, Flex, Spin } from 'antd';
import type { ReactNode } from 'react';
import { LoadFailed } from '../shell/load-failed';
import { useNarrowScreen } from '../shell/use-narrow-screen';

/**
 * A journal record's details on the right of its list (the whole screen on a phone), loaded by its own request so that
 * a shared link opens it too; Escape, ✕ or a click beside it closes it.
 */
export function DetailsDrawer<T>({ open, title, query, onClose, children }: { open: boolean; title: string; query: UseQueryResult<T>; onClose: () => void; children: (data: T) => ReactNode }) {
  const narrow = useNarrowScreen();
  return (
    <Drawer
      open={open}
      title={title}
      onClose={onClose}
      size={narrow ? '100%' : 600}
      destroyOnHidden
      styles={{ body: { padding: 0, overflow: 'hidden', display: 'flex', flexDirection: 'column' } }}
    >
      {/* The details scroll inside a region the keyboard can focus: a sale's details hold nothing else focusable. */}
      <div role="region" aria-label={title} tabIndex={0} style={{ flex: 1, minHeight: 0, overflowY: 'auto', padding: narrow ? 16 : 24 }}>
        {query.isError ? (
        <LoadFailed error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data ? (
          children(query.data)
        ) : (
          <Flex justify="center" style={{ padding: 24 }}>
            <Spin />
          </Flex>
        )}
      </div>
    </Drawer>
  );
}
