import { LEGAL_ENTITY_TYPE_LABELS_RU, TAX_SYSTEM_LABELS_RU, type HistoryEntry } from '@elk/contracts';
import { Alert, Collapse, Empty, Flex, List, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { userMessageOf } from '../../api/api-error';
import { useLegalEntityHistory } from './legal-entities-api';

/** Field names of the history, as the card labels them. */
const FIELD_LABELS = {
  type: 'legalEntities.type',
  name: 'legalEntities.name',
  inn: 'legalEntities.inn',
  kpp: 'legalEntities.kpp',
  ogrn: 'legalEntities.ogrn',
  legalAddress: 'legalEntities.legalAddress',
  taxSystem: 'legalEntities.taxSystem',
  chestnyZnakToken: 'legalEntities.tokenShort',
} as const;

/** «История изменений» of one legal entity, loaded when it is first expanded. */
export function LegalEntityHistory({ id }: { id: string }) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState(false);
  return (
    <Collapse
      ghost
      size="small"
      style={{ marginTop: 8 }}
      onChange={(keys) => setExpanded(keys.includes('history'))}
      items={[{ key: 'history', label: t('history.title'), children: <HistoryList id={id} enabled={expanded} /> }]}
    />
  );
}

function HistoryList({ id, enabled }: { id: string; enabled: boolean }) {
  const { t } = useTranslation();
  const history = useLegalEntityHistory(id, enabled);
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
          <HistoryItem entry={entry} />
        </List.Item>
      )}
    />
  );
}

function HistoryItem({ entry }: { entry: HistoryEntry }) {
  const { t } = useTranslation();
  const who = entry.actor.fullName ?? t('history.unknownActor');
  return (
    <Flex vertical gap={2} style={{ width: '100%' }}>
      <Typography.Text>
        <Typography.Text type="secondary">{dayjs(entry.at).format('DD.MM.YYYY HH:mm:ss')}</Typography.Text> {who} {t(`history.${entry.action}`)}
      </Typography.Text>
      {entry.changes.map(({ field, from, to }) => (
        <Typography.Text key={field} style={{ paddingLeft: 12 }}>
          {field in FIELD_LABELS ? t(FIELD_LABELS[field as keyof typeof FIELD_LABELS]) : field}:{' '}
          {entry.action === 'created'
            ? valueText(field, to, t)
            : entry.action === 'deleted'
              ? valueText(field, from, t)
              : `${valueText(field, from, t)} → ${valueText(field, to, t)}`}
        </Typography.Text>
      ))}
    </Flex>
  );
}

function valueText(field: string, value: unknown, t: (key: 'history.none' | 'history.hidden') => string): string {
  if (value === null || value === undefined || value === '') return t('history.none');
  if (field === 'type' && typeof value === 'string' && value in LEGAL_ENTITY_TYPE_LABELS_RU) {
    return LEGAL_ENTITY_TYPE_LABELS_RU[value as keyof typeof LEGAL_ENTITY_TYPE_LABELS_RU];
  }
  if (field === 'taxSystem' && typeof value === 'string' && value in TAX_SYSTEM_LABELS_RU) {
    return TAX_SYSTEM_LABELS_RU[value as keyof typeof TAX_SYSTEM_LABELS_RU];
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return t('history.hidden');
}
