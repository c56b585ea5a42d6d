import { can } from '@elk/auth';
import { PAYMENT_METHOD_LABELS_RU, PAYMENT_METHODS, ROLE_LABELS_RU, ROLES, type PaymentMethod, type Role } from '@elk/contracts';
import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Result, Space, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, userMessageOf } from '../../api/api-error';
import { useAccount } from '../../shell/account-context';
import { ForbiddenPage } from '../../shell/forbidden-page';
import { usePageTitle } from '../../shell/use-page-title';
import { useLegalEntities } from '../legal-entities/legal-entities-api';
import { ChangeHistory, type HistorySource } from '../../history/change-history';
import { PaymentMethodsModal, PaymentMethodsSummary } from './payment-methods';
import { SalesPointModal } from './sales-point-modal';
import { DeleteSalesPointModal, SalesPointDescriptions } from './sales-points-page';
import { SALES_POINTS_PATH, salesPointKey, useSalesPoint } from './sales-points-api';
import { PageTitle } from '../../shell/page-title';

const FIELD_LABELS = {
  name: 'salesPoints.name',
  legalEntityId: 'salesPoints.legalEntity',
  legalEntityName: 'salesPoints.legalEntity',
  address: 'salesPoints.address',
  brand: 'salesPoints.brand',
  paymentMethods: 'paymentMethods.title',
} as const;

type MethodsByRole = Partial<Record<Role, PaymentMethod[]>>;

function methodsText(byRole: MethodsByRole, role: Role): string {
  const methods = PAYMENT_METHODS.filter((method) => (byRole[role] ?? []).includes(method));
  return methods.length > 0 ? methods.map((method) => PAYMENT_METHOD_LABELS_RU[method]).join(', ') : '—';
}

const asMethods = (value: unknown): MethodsByRole => (typeof value === 'object' && value !== null ? (value as MethodsByRole) : {});

/** The payment-methods grid in one line per role: «Кассир: Наличные, СБП»; a legal entity by its name. */
function formatValue(legalEntityNames: ReadonlyMap<string, string>, field: string, value: unknown): string | undefined {
  if (field === 'legalEntityId' && typeof value === 'string') return legalEntityNames.get(value);
  if (field !== 'paymentMethods' || typeof value !== 'object' || value === null) return undefined;
  return ROLES.filter((role) => role !== 'guest')
    .map((role) => `${ROLE_LABELS_RU[role]}: ${methodsText(asMethods(value), role)}`)
    .join('; ');
}

/** A change of the grid names only the roles whose methods changed: «Кассир: Наличные → Наличные, СБП». */
function formatChange(field: string, from: unknown, to: unknown): string | undefined {
  if (field !== 'paymentMethods') return undefined;
  const before = asMethods(from);
  const after = asMethods(to);
  const changed = ROLES.filter((role) => methodsText(before, role) !== methodsText(after, role));
  if (changed.length === 0) return undefined;
  return changed.map((role) => `${ROLE_LABELS_RU[role]}: ${methodsText(before, role)} → ${methodsText(after, role)}`).join('; ');
}

/** Настройки → Точки продаж → a sales point: its facts, «Способы оплаты», «Расширения», «История изменений». */
export function SalesPointPage() {
  const { t } = useTranslation();
  const { role } = useAccount();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const point = useSalesPoint(id);
  usePageTitle(point.data?.name ?? t('salesPoints.title'));
  const legalEntities = useLegalEntities();
  const [editing, setEditing] = useState(false);
  const [configuring, setConfiguring] = useState(false);
  const [deleting, setDeleting] = useState(false);

  if (!can(role, 'sales-points:read')) return <ForbiddenPage />;
  const writable = can(role, 'sales-points:write');
  const back = (
    <Link to={SALES_POINTS_PATH}>
      <ArrowLeftOutlined /> {t('salesPoints.back')}
    </Link>
  );

  if (point.isPending) {
    return (
      <Card>
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin size="large" />
        </Flex>
      </Card>
    );
  }
  if (point.isError) {
    const missing = point.error instanceof ApiError && point.error.status === 404;
    return (
      <Card>
        <Result
          status={missing ? '404' : 'warning'}
          title={missing ? t('salesPoints.notFoundOne') : t('errors.loadFailed')}
          subTitle={missing ? undefined : userMessageOf(point.error)}
          extra={missing ? back : <Button onClick={() => void point.refetch()}>{t('errors.retry')}</Button>}
        />
      </Card>
    );
  }

  const legalEntityNames = new Map((legalEntities.data ?? []).map(({ id: entityId, name }) => [entityId, name]));
  legalEntityNames.set(point.data.legalEntityId, point.data.legalEntityName);
  const historySource: HistorySource = {
    queryKey: salesPointKey(point.data.id),
    path: `/sales-points/${encodeURIComponent(point.data.id)}/history`,
    fieldLabels: FIELD_LABELS,
    formatValue: (field, value) => formatValue(legalEntityNames, field, value),
    formatChange,
  };

  return (
    <Flex vertical gap="middle">
      <Card>
        <div style={{ marginBottom: 12 }}>{back}</div>
        <Flex justify="space-between" align="center" gap="middle" wrap style={{ marginBottom: 16 }}>
          <PageTitle>{point.data.name}</PageTitle>
          {writable && (
            <Space size="small" wrap>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('salesPoints.edit')}
              </Button>
              <Button danger icon={<DeleteOutlined />} onClick={() => setDeleting(true)}>
                {t('salesPoints.delete')}
              </Button>
            </Space>
          )}
        </Flex>
        <SalesPointDescriptions point={point.data} />
      </Card>
      <Card
        title={t('paymentMethods.title')}
        data-testid="payment-methods-block"
        extra={
          writable && (
            <Button type="primary" icon={<SettingOutlined />} onClick={() => setConfiguring(true)}>
              {t('paymentMethods.configure')}
            </Button>
          )
        }
      >
        <PaymentMethodsSummary paymentMethods={point.data.paymentMethods} />
      </Card>
      <Card title={t('extensions.title')}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('extensions.comingSoon')} />
      </Card>
      <Card>
        <ChangeHistory source={historySource} />
      </Card>
      <SalesPointModal open={editing} point={point.data} onClose={() => setEditing(false)} />
      <PaymentMethodsModal open={configuring} point={point.data} onClose={() => setConfiguring(false)} />
      <DeleteSalesPointModal
        point={deleting ? point.data : null}
        onClose={() => setDeleting(false)}
        onDeleted={() => void navigate(SALES_POINTS_PATH, { replace: true })}
      />
    </Flex>
  );
}
