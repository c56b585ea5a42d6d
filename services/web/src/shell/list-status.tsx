import { Empty, Flex, Spin } from 'antd';
import type { ReactNode } from 'react';
import { LoadFailed } from './load-failed';

interface LoadingList {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => Promise<unknown>;
}

/** A page's list, or instead of it a spinner while it loads, «Не удалось загрузить данные», or `empty` (when not null). */
export function ListStatus({ list, empty, children }: { list: LoadingList; empty: string | null; children: ReactNode }) {
  if (list.isPending) {
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin size="large" />
      </Flex>
    );
  }
  if (list.isError) return <LoadFailed error={list.error} onRetry={() => void list.refetch()} />;
  if (empty !== null) return <Empty description={empty} />;
  return children;
}
