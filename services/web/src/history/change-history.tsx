import { History, type HistoryEntry } from '@elk/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Collapse, Empty, Flex, List, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ParseKeys } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiJson } from '../api/api-client';
import { userMessageOf } from '../api/api-error';

/** Where a resource's history lives and how its fields read: shared by every card with a history. */
export interface HistorySource {
  /** Under the resource's list key, so that invalidating the list refreshes the history too. */
  queryKey: readonly unknown[];
  /** The API path of GET …/history, relative to /api/v1. */
  path: string;
  /** Field names of the history, as the card labels them. */
  fieldLabels: Readonly<Record<string, ParseKeys>>;
  /** A readable value of a field (enum labels, nested objects); undefined falls back to the plain value. */
  formatValue?: (field: string, value: unknown) => string | undefined;
  /** A readable change of a field (only what differs inside a nested value); undefined falls back to «from → to». */
  formatChange?: (field: string, from: unknown, to: unknown) => string | undefined;
}

/**
 * «История изменений» of one resource, loaded when it is first expanded; `shown`: the list itself, loaded at once (a
 * card of its own, ⋮ → «История»).
 */
export function ChangeHistory({ source, shown = false }: { source: HistorySource; shown?: boolean }) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState(false);
  if (shown) return <HistoryList source={source} enabled />;
  return (
    <Collapse
      ghost
      size="small"
      style={{ marginTop: 8 }}
      onChange={(keys) => setExpanded(keys.includes('history'))}
      items={[{ key: 'history', label: t('history.title'), children: <HistoryList source={source} enabled={expanded} /> }]}
    />
  );
}

function HistoryList({ source, enabled }: { source: HistorySource; enabled: boolean }) {
  const { t } = useTranslation();
  const history = useQuery({
    queryKey: [...source.queryKey, 'history'],
    queryFn: () => apiJson(source.path, History),
    enabled,
    staleTime: 0,
  });
  if (history.isPending) {
    return (
      <Flex justify="center">
        <Spin />
      </Flex>
    );
  }
  if (history.isError) return <Alert type="error" showIcon title={userMessageOf(history.error)} />;
  if (history.data.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.empty')} />;
  const newestFirst = [...history.data.items].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <List
      size="small"
      dataSource={newestFirst}
      renderItem={(entry) => (
        <List.Item data-testid="history-entry">
          <HistoryItem entry={entry} source={source} />
        </List.Item>
      )}
    />
  );
}

function HistoryItem({ entry, source }: { entry: HistoryEntry; source: HistorySource }) {
  const { t } = useTranslation();
  const who = entry.actor.fullName ?? t('history.unknownActor');
  const text = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('history.none');
    const formatted = source.formatValue?.(field, value);
    if (formatted !== undefined) return formatted;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    return t('history.hidden');
  };
  return (
    <Flex vertical gap={2} style={{ width: '100%' }}>
      <Typography.Text>
        <Typography.Text type="secondary">{dayjs(entry.at).format('DD.MM.YYYY HH:mm:ss')}</Typography.Text> {who} {t(`history.${entry.action}`)}
        {entry.origin && (
          <Tag style={{ marginInlineStart: 8 }} data-testid="history-origin">
            {t(`history.origins.${entry.origin}`)}
          </Tag>
        )}
      </Typography.Text>
      {entry.changes.map(({ field, from, to }) => {
        const label = source.fieldLabels[field];
        return (
          <Typography.Text key={field} style={{ paddingLeft: 12 }}>
            {label ? t(label) : field}:{' '}
            {entry.action === 'created'
              ? text(field, to)
              : entry.action === 'deleted'
                ? text(field, from)
                : (source.formatChange?.(field, from, to) ?? `${text(field, from)} → ${text(field, to)}`)}
          </Typography.Text>
        );
      })}
    </Flex>
  );
}
