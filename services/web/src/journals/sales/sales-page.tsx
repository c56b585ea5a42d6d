import { SALE_PAYMENT_METHODS, SALE_STATUSES, SaleListQuery, type SaleListItem } from '@elk/contracts';
import { Card, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { DataList, type ListColumn } from '../../lists/data-list';
import { useListParams } from '../../lists/use-list-params';
import { formatRubles } from '../../rubles';
import { useAccount } from '../../shell/account-context';
import { OpenCardLink } from '../../shell/open-card-link';
import { PageTitle } from '../../shell/page-title';
import { usePageTitle } from '../../shell/use-page-title';
import { ChoiceFilter, filtersSet, PERIOD_AND_PLACE_FILTERS, PeriodFilter, PlaceFilters, ResetFilters, TextFilter } from '../journal-filters';
import { JournalExportButton } from '../journal-export-button';
import { formatDateTime, SaleStatusTag } from '../journal-format';
import { useSales } from '../journals-api';
import { useOpenedRecord } from '../use-opened-record';
import { SaleDetails } from './sale-details';

const SALE_FILTERS = [...PERIOD_AND_PLACE_FILTERS, 'status', 'number', 'paymentMethod'] as const;
const FIELDS = SaleListQuery.shape;

/**
 * Журналы → Продажи: the filters in the upper left (period, status, place, sum, number, payment method), the sales
 * newest first (or sorted by a header), and a clicked sale's details on the right, its id in the address.
 */
export function SalesPage() {
  const { t } = useTranslation();
  const { role } = useAccount();
  usePageTitle(t('journals.sales'));
  const params = useListParams(SALE_FILTERS);
  const list = useSales(params);
  const opened = useOpenedRecord('sale');
  const set = filtersSet(params);

  const columns: ListColumn<SaleListItem>[] = [
    { key: 'occurredAt', title: t('journals.dateTime'), sortField: 'occurredAt', width: 150, render: ({ occurredAt }) => formatDateTime(occurredAt) },
    { key: 'number', title: t('sales.number'), sortField: 'number', width: 100, render: (sale) => <OpenCardLink onOpen={() => opened.open(sale.id)}>{sale.number}</OpenCardLink> },
    { key: 'status', title: t('sales.status'), width: 130, render: ({ status }) => <SaleStatusTag status={status} /> },
    {
      key: 'total',
      title: t('sales.total'),
      sortField: 'total',
      align: 'right',
      width: 140,
      render: ({ total }) => <span style={{ whiteSpace: 'nowrap' }}>{formatRubles(total)}</span>,
    },
    { key: 'salesPoint', title: t('journals.salesPoint'), render: ({ salesPoint }) => salesPoint.name },
    { key: 'workplace', title: t('journals.workplace'), render: ({ workplace }) => t('journals.workplaceName', workplace) },
    { key: 'employee', title: t('journals.employee'), render: ({ employee }) => employee.name },
    { key: 'paymentMethods', title: t('sales.paymentMethods'), render: ({ paymentMethods }) => paymentMethods.map((method) => t(`journals.methods.${method}`)).join(', ') },
  ];

  return (
    <Card>
      <Flex justify="space-between" align="center" gap="middle" wrap style={{ marginBottom: 24 }}>
        <PageTitle>{t('journals.sales')}</PageTitle>
        <JournalExportButton journal="sales" params={params} />
      </Flex>
      <DataList<SaleListItem>
        list={list}
        params={params}
        filters={
          <>
            <PeriodFilter params={params} />
            <ChoiceFilter params={params} name="status" label={t('sales.status')} options={SALE_STATUSES.map((status) => ({ value: status, label: t(`journals.statuses.${status}`) }))} />
            <PlaceFilters params={params} role={role} />
            <TextFilter params={params} name="sumFrom" label={t('journals.sumFrom')} schema={FIELDS.sumFrom} />
            <TextFilter params={params} name="sumTo" label={t('journals.sumTo')} schema={FIELDS.sumTo} />
            <TextFilter params={params} name="number" label={t('sales.numberFilter')} schema={FIELDS.number} />
            <ChoiceFilter
              params={params}
              name="paymentMethod"
              label={t('journals.paymentMethod')}
              options={SALE_PAYMENT_METHODS.map((method) => ({ value: method, label: t(`journals.methods.${method}`) }))}
            />
            <ResetFilters params={params} />
          </>
        }
        filtered={set.beyondPeriod}
        emptyText={set.any ? t('sales.emptyPeriod') : t('sales.empty')}
        notFoundText={t('sales.notFound')}
        itemTestId="sale-row"
        columns={columns}
        minWidth={1100}
        onOpen={(sale) => opened.open(sale.id)}
      />
      <SaleDetails id={opened.id} onClose={opened.close} />
    </Card>
  );
}
