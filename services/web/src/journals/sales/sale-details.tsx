import { SALE_EVENT_TYPES, SERVICE_PAYMENT_SUBJECTS, type SaleEventType, type SaleItemView, type SalePaymentView, type SaleView } from '@elk/contracts';
import { Alert, Descriptions, Flex, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRubles } from '../../rubles';
import { bankDetailsItems } from '../bank-details';
import { DetailsDrawer } from '../details-drawer';
import { formatDateTime, formatQuantity, SaleStatusTag, terminalClock } from '../journal-format';
import { useSale } from '../journals-api';

/** The panel on the right (the whole screen on a phone) with the sale `id`'s details; none while `id` is null. */
export function SaleDetails({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const sale = useSale(id);
  return (
    <DetailsDrawer open={id !== null} title={sale.data ? t('sales.title', { number: sale.data.number }) : t('journals.sales')} query={sale} onClose={onClose}>
      {(view) => <SaleContent sale={view} />}
    </DetailsDrawer>
  );
}

function SaleContent({ sale }: { sale: SaleView }) {
  const { t } = useTranslation();
  const at = terminalClock(sale.occurredAt);
  return (
    <Flex vertical gap="large" data-testid="sale-details">
      <Integrity sale={sale} />
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { key: 'date', label: t('journals.date'), children: at.date },
          { key: 'time', label: t('journals.time'), children: at.time },
          { key: 'status', label: t('sales.status'), children: <SaleStatusTag status={sale.status} /> },
          { key: 'number', label: t('sales.number'), children: sale.number },
          { key: 'total', label: t('sales.total'), children: formatRubles(sale.total) },
          { key: 'paid', label: t('sales.paid'), children: formatRubles(sale.paid) },
          ...(sale.discount > 0 ? [{ key: 'discount', label: t('sales.discount'), children: formatRubles(sale.discount) }] : []),
          { key: 'employee', label: t('journals.employee'), children: sale.employee.name },
          { key: 'workplace', label: t('journals.workplace'), children: t('journals.workplaceName', sale.workplace) },
          { key: 'salesPoint', label: t('journals.salesPoint'), children: sale.salesPoint.name },
          ...(sale.cancelReason ? [{ key: 'cancelReason', label: t('sales.cancelReason'), children: sale.cancelReason }] : []),
        ]}
      />
      <Section title={t('sales.items')}>
        {sale.items.map((item) => (
          <Item key={item.line} item={item} />
        ))}
      </Section>
      <Section title={t('sales.payments')}>
        {sale.payments.length === 0 ? <Typography.Text type="secondary">{t('sales.noPayments')}</Typography.Text> : sale.payments.map((payment) => <Payment key={payment.paymentId} payment={payment} />)}
      </Section>
      <Section title={t('sales.fiscalDocument')}>
        {sale.fiscalDocument ? (
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'number', label: t('sales.fdNumber'), children: sale.fiscalDocument.number },
              { key: 'sign', label: t('sales.fiscalSign'), children: sale.fiscalDocument.sign },
              { key: 'fn', label: t('sales.fnNumber'), children: sale.fiscalDocument.fnNumber },
              { key: 'shift', label: t('sales.shift'), children: sale.fiscalDocument.shiftNumber },
              { key: 'issuedAt', label: t('sales.issuedAt'), children: formatDateTime(sale.fiscalDocument.issuedAt) },
            ]}
          />
        ) : (
          <Typography.Text type="secondary">{t('sales.noFiscalDocument')}</Typography.Text>
        )}
      </Section>
      <Section title={t('sales.history')}>
        <Timeline
          items={sale.history.map((entry) => ({
            key: entry.seq,
            content: (
              <Flex vertical data-testid="sale-history-entry">
                <Flex gap="small" align="center" wrap>
                  <Typography.Text strong>{isSaleEventType(entry.type) ? t(`sales.events.${entry.type}`) : entry.type}</Typography.Text>
                  <SaleStatusTag status={entry.status} />
                </Flex>
                <Typography.Text type="secondary">
                  {formatDateTime(entry.occurredAt)} · {t('sales.historyWho', { employee: entry.employee.name, workplace: t('journals.workplaceName', entry.workplace) })}
                </Typography.Text>
              </Flex>
            ),
          }))}
        />
      </Section>
    </Flex>
  );
}

/** «Целостность подтверждена», or a red «Целостность нарушена» naming the first event that breaks its till's chain. */
function Integrity({ sale }: { sale: SaleView }) {
  const { t } = useTranslation();
  const { status, brokenEventId } = sale.integrity;
  if (status === 'confirmed') return <Alert type="success" showIcon title={t('sales.integrityConfirmed')} description={t('sales.integrityConfirmedText')} />;
  return <Alert type="error" showIcon title={t('sales.integrityBroken')} description={t('sales.integrityBrokenText', { id: brokenEventId ?? '—' })} />;
}

function isSaleEventType(type: string): type is SaleEventType {
  return (SALE_EVENT_TYPES as readonly string[]).includes(type);
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Flex vertical gap="small">
      <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
        {title}
      </Typography.Title>
      {children}
    </Flex>
  );
}

/** A line: its name, «2 шт × 150,00 ₽», its discount, its sum, and how much of it was shipped or rendered. */
function Item({ item }: { item: SaleItemView }) {
  const { t } = useTranslation();
  const service = SERVICE_PAYMENT_SUBJECTS.has(item.paymentSubject);
  const fulfilment = { done: formatQuantity(item.fulfilled), quantity: formatQuantity(item.quantity), unit: item.unit };
  return (
    <Flex vertical data-testid="sale-item" style={{ borderBottom: '1px solid rgba(5, 5, 5, 0.06)', paddingBottom: 8 }}>
      <Flex justify="space-between" gap="middle">
        <Typography.Text strong>{item.name}</Typography.Text>
        <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
          {formatRubles(item.sum)}
        </Typography.Text>
      </Flex>
      <Typography.Text>
        {formatQuantity(item.quantity)} {item.unit} × {formatRubles(item.price)}
        {item.discount > 0 && ` − ${t('sales.itemDiscount').toLowerCase()} ${formatRubles(item.discount)}`}
      </Typography.Text>
      <Typography.Text type="secondary">{service ? t('sales.rendered', fulfilment) : t('sales.shipped', fulfilment)}</Typography.Text>
      {item.markingCode && (
        <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
          {t('sales.markingCode')}: {item.markingCode}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** A payment: how and how much, what was given back, and the bank's details of a card or СБП payment. */
function Payment({ payment }: { payment: SalePaymentView }) {
  const { t } = useTranslation();
  const { card, sbp } = payment;
  return (
    <Descriptions
      data-testid="sale-payment"
      column={1}
      size="small"
      bordered
      items={[
        { key: 'method', label: t('journals.paymentMethod'), children: t(`journals.methods.${payment.method}`) },
        { key: 'amount', label: t('sales.amount'), children: formatRubles(payment.amount) },
        ...(payment.refunded > 0 ? [{ key: 'refunded', label: t('sales.refunded'), children: formatRubles(payment.refunded) }] : []),
        { key: 'at', label: t('journals.dateTime'), children: formatDateTime(payment.occurredAt) },
        ...bankDetailsItems(t, card, sbp),
      ]}
    />
  );
}
