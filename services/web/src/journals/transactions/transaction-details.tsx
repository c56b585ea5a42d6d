import type { TransactionListItem } from '@elk/contracts';
import { Descriptions, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatRubles } from '../../rubles';
import { TextLink } from '../../shell/text-link';
import { bankDetailsItems } from '../bank-details';
import { DetailsDrawer } from '../details-drawer';
import { formatDateTime, SaleStatusTag, TransactionKindTag } from '../journal-format';
import { salePagePath, useTransaction } from '../journals-api';

/** The panel with the transaction `id`'s details and a link to its sale; none while `id` is null. */
export function TransactionDetails({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const transaction = useTransaction(id);
  const title = transaction.data ? t('transactions.title', { kind: t(`journals.kinds.${transaction.data.kind}`), amount: formatRubles(transaction.data.amount) }) : t('journals.transactions');
  return (
    <DetailsDrawer open={id !== null} title={title} query={transaction} onClose={onClose}>
      {(view) => <TransactionContent transaction={view} />}
    </DetailsDrawer>
  );
}

function TransactionContent({ transaction }: { transaction: TransactionListItem }) {
  const { t } = useTranslation();
  const { card, sbp, sale } = transaction;
  return (
    <Descriptions
      data-testid="transaction-details"
      column={1}
      size="small"
      bordered
      items={[
        { key: 'at', label: t('journals.dateTime'), children: formatDateTime(transaction.occurredAt) },
        { key: 'kind', label: t('transactions.kind'), children: <TransactionKindTag kind={transaction.kind} /> },
        { key: 'amount', label: t('transactions.amount'), children: formatRubles(transaction.amount) },
        { key: 'method', label: t('journals.paymentMethod'), children: t(`journals.methods.${transaction.method}`) },
        ...bankDetailsItems(t, card, sbp),
        { key: 'salesPoint', label: t('journals.salesPoint'), children: transaction.salesPoint.name },
        { key: 'workplace', label: t('journals.workplace'), children: t('journals.workplaceName', transaction.workplace) },
        { key: 'employee', label: t('journals.employee'), children: transaction.employee.name },
        {
          key: 'sale',
          label: t('transactions.sale'),
          children: (
            <Flex gap="small" align="center" wrap>
              <TextLink to={salePagePath(sale.id)}>{t('transactions.openSale', { number: sale.number })}</TextLink>
              <SaleStatusTag status={sale.status} />
            </Flex>
          ),
        },
      ]}
    />
  );
}
