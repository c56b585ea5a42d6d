import { TRANSACTION_KINDS, TransactionListQuery, type TransactionListItem } from '@elk/contracts';
import { Card, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { DataList, type ListColumn } from '../../lists/data-list';
import { useListParams } from '../../lists/use-list-params';
import { formatRubles } from '../../rubles';
import { useAccount } from '../../shell/account-context';
import { OpenCardLink } from '../../shell/open-card-link';
import { PageTitle } from '../../shell/page-title';
import { TextLink } from '../../shell/text-link';
import { usePageTitle } from '../../shell/use-page-title';
import { ChoiceFilter, filtersSet, PERIOD_AND_PLACE_FILTERS, PeriodFilter, PlaceFilters, ResetFilters, TextFilter } from '../journal-filters';
import { JournalExportButton } from '../journal-export-button';
import { formatDateTime, TransactionKindTag } from '../journal-format';
import { salePagePath, useTransactions } from '../journals-api';
import { useOpenedRecord } from '../use-opened-record';
import { TransactionDetails } from './transaction-details';

const TRANSACTION_FILTERS = [...PERIOD_AND_PLACE_FILTERS, 'kind', 'method', 'rrn', 'tid', 'cardLast4', 'sbpOperationId'] as const;
const FIELDS = TransactionListQuery.shape;
const BANK_METHODS = ['card', 'sbp'] as const;

/** The card's mask, or the СБП operation's id. */
export function instrumentOf({ card, sbp }: Pick<TransactionListItem, 'card' | 'sbp'>): string {
  return card?.cardMask ?? sbp?.operationId ?? '';
}

/**
 * Журналы → Транзакции: every card and СБП payment and refund, with the same kind of filters as Продажи (plus type,
 * method, RRN, TID, the card's last four digits, the СБП operation), each linking to its sale.
 */
export function TransactionsPage() {
  const { t } = useTranslation();
  const { role } = useAccount();
  usePageTitle(t('journals.transactions'));
  const params = useListParams(TRANSACTION_FILTERS);
  const list = useTransactions(params);
  const opened = useOpenedRecord('transaction');
  const set = filtersSet(params);

  const columns: ListColumn<TransactionListItem>[] = [
    {
      key: 'occurredAt',
      title: t('journals.dateTime'),
      sortField: 'occurredAt',
      width: 150,
      render: (transaction) => <OpenCardLink onOpen={() => opened.open(transaction.id)}>{formatDateTime(transaction.occurredAt)}</OpenCardLink>,
    },
    { key: 'kind', title: t('transactions.kind'), width: 110, render: ({ kind }) => <TransactionKindTag kind={kind} /> },
    {
      key: 'amount',
      title: t('transactions.amount'),
      sortField: 'amount',
      align: 'right',
      width: 130,
      render: ({ amount }) => <span style={{ whiteSpace: 'nowrap' }}>{formatRubles(amount)}</span>,
    },
    { key: 'method', title: t('transactions.method'), width: 110, render: ({ method }) => t(`journals.methods.${method}`) },
    { key: 'instrument', title: t('transactions.instrument'), width: 180, render: instrumentOf },
    { key: 'rrn', title: t('journals.rrn'), width: 130, render: ({ card }) => card?.rrn },
    { key: 'authCode', title: t('journals.authCode'), width: 110, render: ({ card }) => card?.authCode },
    { key: 'tid', title: t('journals.tid'), width: 100, render: ({ card, sbp }) => card?.tid ?? sbp?.tid },
    { key: 'mid', title: t('journals.mid'), width: 130, render: ({ card }) => card?.mid },
    { key: 'salesPoint', title: t('journals.salesPoint'), render: ({ salesPoint }) => salesPoint.name },
    {
      key: 'sale',
      title: t('transactions.sale'),
      width: 100,
      render: ({ sale }) => (
        // The row opens the transaction; the link goes to its sale instead.
        <TextLink to={salePagePath(sale.id)} aria-label={t('transactions.openSale', { number: sale.number })} onClick={(event) => event.stopPropagation()}>
          {t('transactions.saleLink', { number: sale.number })}
        </TextLink>
      ),
    },
  ];

  return (
    <Card>
      <Flex justify="space-between" align="center" gap="middle" wrap style={{ marginBottom: 24 }}>
        <PageTitle>{t('journals.transactions')}</PageTitle>
        <JournalExportButton journal="transactions" params={params} />
      </Flex>
      <DataList<TransactionListItem>
        list={list}
        params={params}
        filters={
          <>
            <PeriodFilter params={params} />
            <ChoiceFilter params={params} name="kind" label={t('transactions.kind')} options={TRANSACTION_KINDS.map((kind) => ({ value: kind, label: t(`journals.kinds.${kind}`) }))} width={140} />
            <ChoiceFilter params={params} name="method" label={t('journals.paymentMethod')} options={BANK_METHODS.map((method) => ({ value: method, label: t(`journals.methods.${method}`) }))} />
            <PlaceFilters params={params} role={role} />
            <TextFilter params={params} name="sumFrom" label={t('journals.sumFrom')} schema={FIELDS.sumFrom} />
            <TextFilter params={params} name="sumTo" label={t('journals.sumTo')} schema={FIELDS.sumTo} />
            <TextFilter params={params} name="rrn" label={t('journals.rrn')} schema={FIELDS.rrn} />
            <TextFilter params={params} name="tid" label={t('journals.tid')} schema={FIELDS.tid} />
            <TextFilter params={params} name="cardLast4" label={t('transactions.cardLast4')} schema={FIELDS.cardLast4} width={230} />
            <TextFilter params={params} name="sbpOperationId" label={t('journals.sbpOperation')} schema={FIELDS.sbpOperationId} width={200} />
            <ResetFilters params={params} />
          </>
        }
        filtered={set.beyondPeriod}
        emptyText={set.any ? t('transactions.emptyPeriod') : t('transactions.empty')}
        notFoundText={t('transactions.notFound')}
        itemTestId="transaction-row"
        columns={columns}
        minWidth={1500}
        onOpen={(transaction) => opened.open(transaction.id)}
      />
      <TransactionDetails id={opened.id} onClose={opened.close} />
    </Card>
  );
}
