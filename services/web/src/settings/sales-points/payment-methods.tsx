import {
  DEFAULT_PAYMENT_METHODS,
  PAYMENT_METHOD_LABELS_RU,
  PAYMENT_METHODS,
  ROLE_LABELS_RU,
  ROLES,
  SetPaymentMethodsRequest,
  type PaymentMethod,
  type PaymentMethodsByRole,
  type Role,
  type SalesPointView,
} from '@elk/contracts';
import { CheckOutlined, MinusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Flex, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { userMessageOf } from '../../api/api-error';
import { CardModal, useCloseCard, useUnsavedInput } from '../../forms/card-modal';
import { OfflineAlert } from '../../forms/offline-alert';
import { useSaveCard } from '../../forms/use-save-card';
import { useSetPaymentMethods } from './sales-points-api';

/** The Guest sells nothing: its column stays empty and disabled. */
const SELLING = (role: Role) => role !== 'guest';

interface Row {
  method: PaymentMethod;
}
const ROWS: Row[] = PAYMENT_METHODS.map((method) => ({ method }));

/**
 * The grid of payment methods (rows) by role (columns); `cell` draws one intersection. On a narrow screen it scrolls
 * sideways inside itself, the method column staying put, unless `scrollsInside` is false (its container scrolls).
 */
function PaymentMethodsGrid({ cell, testId, scrollsInside = true }: { cell: (method: PaymentMethod, role: Role) => React.ReactNode; testId: string; scrollsInside?: boolean }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Row> = [
    { key: 'method', title: t('paymentMethods.method'), render: (_, { method }) => PAYMENT_METHOD_LABELS_RU[method], fixed: scrollsInside ? 'left' : undefined, width: 220 },
    ...ROLES.map((role) => ({
      key: role,
      align: 'center' as const,
      title: SELLING(role) ? (
        ROLE_LABELS_RU[role]
      ) : (
        <Tooltip title={t('paymentMethods.guestHint')}>
          <Typography.Text type="secondary">{ROLE_LABELS_RU[role]}</Typography.Text>
        </Tooltip>
      ),
      render: (_: unknown, { method }: Row) => cell(method, role),
    })),
  ];
  return <Table<Row> data-testid={testId} rowKey="method" size="small" bordered pagination={false} columns={columns} dataSource={ROWS} scroll={scrollsInside ? { x: 'max-content' } : undefined} />;
}

/**
 * The read-only summary on the sales point's page: a tick where the role takes the method. With nothing to focus in
 * it, its container is what scrolls and takes the focus, so that a keyboard can scroll it on a phone.
 */
export function PaymentMethodsSummary({ paymentMethods }: { paymentMethods: PaymentMethodsByRole }) {
  const { t } = useTranslation();
  return (
    <div role="region" aria-label={t('paymentMethods.title')} tabIndex={0} style={{ overflowX: 'auto' }}>
      <PaymentMethodsGrid
        testId="payment-methods-summary"
        scrollsInside={false}
        cell={(method, role) => {
          const label = `${PAYMENT_METHOD_LABELS_RU[method]} — ${ROLE_LABELS_RU[role]}`;
          return paymentMethods[role].includes(method) ? (
            <CheckOutlined aria-label={`${label}: ${t('paymentMethods.on')}`} style={{ color: '#52c41a' }} />
          ) : (
            <MinusOutlined aria-label={`${label}: ${t('paymentMethods.off')}`} style={{ color: '#bfbfbf' }} />
          );
        }}
      />
    </div>
  );
}

/** «Способы оплаты» → «Настроить»: the checkbox grid, saved as one change. */
export function PaymentMethodsModal({ point, open, onClose }: { point: SalesPointView; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <CardModal open={open} title={t('paymentMethods.title')} width={860} onClose={onClose}>
      <PaymentMethodsForm key={point.version} point={point} onDone={onClose} />
    </CardModal>
  );
}

function PaymentMethodsForm({ point, onDone }: { point: SalesPointView; onDone: () => void }) {
  const { t } = useTranslation();
  const setPaymentMethods = useSetPaymentMethods();
  const [grid, setGrid] = useState<PaymentMethodsByRole>(() => ({ ...DEFAULT_PAYMENT_METHODS, ...point.paymentMethods }));
  const [failure, setFailure] = useState<string | null>(null);
  const close = useCloseCard();
  useUnsavedInput(ROLES.some((role) => grid[role].join() !== (point.paymentMethods[role] ?? DEFAULT_PAYMENT_METHODS[role]).join()));
  const { conflict, offline, retrying, save, retry } = useSaveCard(
    (error) => setFailure(userMessageOf(error)),
    () => setFailure(null),
    onDone,
  );

  const toggle = (role: Role, method: PaymentMethod, checked: boolean) =>
    setGrid((current) => ({
      ...current,
      // Keep the contract's order, so the saved grid reads the same way as the rows.
      [role]: PAYMENT_METHODS.filter((m) => (m === method ? checked : current[role].includes(m))),
    }));

  const submit = async () => {
    const body = SetPaymentMethodsRequest.safeParse({ paymentMethods: grid, expectedVersion: point.version });
    if (!body.success) {
      setFailure(body.error.issues.map(({ message: text }) => text).join('. '));
      return;
    }
    await save(async () => {
      await setPaymentMethods.mutateAsync({ id: point.id, body: body.data });
      return t('paymentMethods.saved');
    });
  };

  return (
    <>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      {conflict && <Alert type="warning" showIcon title={t('salesPoints.versionConflict')} style={{ marginBottom: 16 }} />}
      {offline && <OfflineAlert onRetry={() => void retry()} retrying={retrying} />}
      <Typography.Paragraph type="secondary">{t('paymentMethods.hint')}</Typography.Paragraph>
      <PaymentMethodsGrid
        testId="payment-methods-grid"
        cell={(method, role) => {
          const checkbox = (
            <Checkbox
              aria-label={`${PAYMENT_METHOD_LABELS_RU[method]} — ${ROLE_LABELS_RU[role]}`}
              checked={grid[role].includes(method)}
              disabled={!SELLING(role)}
              onChange={(event) => toggle(role, method, event.target.checked)}
            />
          );
          return SELLING(role) ? checkbox : <Tooltip title={t('paymentMethods.guestHint')}>{checkbox}</Tooltip>;
        }}
      />
      <Flex justify="end" gap="small" style={{ marginTop: 16 }}>
        <Button onClick={close}>{t('common.cancel')}</Button>
        <Button type="primary" loading={setPaymentMethods.isPending} onClick={() => void submit()}>
          {t('common.save')}
        </Button>
      </Flex>
    </>
  );
}
