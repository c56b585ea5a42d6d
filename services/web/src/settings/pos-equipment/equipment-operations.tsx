import { SaleList, TransactionList } from '@elk/contracts';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Empty, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiJson } from '../../api/api-client';
import { formatDateTime, SaleStatusTag, TransactionKindTag } from '../../journals/journal-format';
import { salePagePath, TRANSACTIONS_PATH } from '../../journals/journals-api';
import { formatRubles } from '../../rubles';
import { TextLink } from '../../shell/text-link';
import type { EquipmentTab } from './pos-equipment-api';

/** The newest operations a card shows; the journals hold the rest. */
const SHOWN = 10;

/**
 * «Операции» of a device's card: a fiscal register's newest sales (fiscalised with its ФН), a bank terminal's newest
 * card and СБП payments and refunds (by its TID), each linking to the journal, and how many there are in all.
 */
export function EquipmentOperations({ tab, device }: { tab: EquipmentTab; device: { fnNumber?: string; tid?: string } }) {
  return tab === 'fiscal-registers' ? <RegisterSales fnNumber={device.fnNumber!} /> : <TerminalTransactions tid={device.tid!} />;
}

function RegisterSales({ fnNumber }: { fnNumber: string }) {
  const { t } = useTranslation();
  const sales = useQuery({ queryKey: ['sales', 'fn', fnNumber], queryFn: () => apiJson(`/sales?fnNumber=${fnNumber}&limit=${SHOWN}`, SaleList) });
  return (
    <Operations
      loading={sales.isPending}
      total={sales.data?.total}
      totalCapped={sales.data?.totalCapped}
      items={sales.data?.items ?? []}
      render={(sale) => (
        <List.Item key={sale.id}>
          <Space wrap>
            <TextLink to={salePagePath(sale.id)}>{t('posEquipment.saleNumber', { number: sale.number })}</TextLink>
            <span>{formatDateTime(sale.occurredAt)}</span>
            <SaleStatusTag status={sale.status} />
            <span>{formatRubles(sale.total)}</span>
          </Space>
        </List.Item>
      )}
    />
  );
}

function TerminalTransactions({ tid }: { tid: string }) {
  const { t } = useTranslation();
  const transactions = useQuery({ queryKey: ['transactions', 'tid', tid], queryFn: () => apiJson(`/transactions?tid=${encodeURIComponent(tid)}&limit=${SHOWN}`, TransactionList) });
  return (
    <Operations
      loading={transactions.isPending}
      total={transactions.data?.total}
      totalCapped={transactions.data?.totalCapped}
      items={transactions.data?.items ?? []}
      render={(transaction) => (
        <List.Item key={transaction.id}>
          <Space wrap>
            <TextLink to={`${TRANSACTIONS_PATH}?transaction=${encodeURIComponent(transaction.id)}`}>{formatDateTime(transaction.occurredAt)}</TextLink>
            <TransactionKindTag kind={transaction.kind} />
            <span>{t(`journals.methods.${transaction.method}`)}</span>
            <span>{formatRubles(transaction.amount)}</span>
            <TextLink to={salePagePath(transaction.sale.id)}>{t('posEquipment.saleNumber', { number: transaction.sale.number })}</TextLink>
          </Space>
        </List.Item>
      )}
    />
  );
}

function Operations<T>({ loading, total, totalCapped, items, render }: { loading: boolean; total: number | undefined; totalCapped: boolean | undefined; items: T[]; render: (item: T) => ReactNode }) {
  const { t } = useTranslation();
  return (
    <section aria-label={t('posEquipment.operations')}>
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 8 }}>
        {t('posEquipment.operations')}
      </Typography.Title>
      {!loading && total === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('posEquipment.noOperations')} />
      ) : (
        <>
          <List size="small" loading={loading} dataSource={items} renderItem={render} />
          {total !== undefined && total > SHOWN && <Typography.Text type="secondary">{t(totalCapped ? 'posEquipment.moreOperationsCapped' : 'posEquipment.moreOperations', { shown: SHOWN, total })}</Typography.Text>}
        </>
      )}
    </section>
  );
}
