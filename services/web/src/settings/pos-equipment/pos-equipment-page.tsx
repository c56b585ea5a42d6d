import { can } from '@elk/auth';
import type { BankTerminalView, FiscalRegisterView } from '@elk/contracts';
import { Card, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { DataList, type ListColumn } from '../../lists/data-list';
import { useListParams } from '../../lists/use-list-params';
import { useAccount } from '../../shell/account-context';
import { useNarrowScreen } from '../../shell/use-narrow-screen';
import { ForbiddenPage } from '../../shell/forbidden-page';
import { OpenCardLink } from '../../shell/open-card-link';
import { PageHeader } from '../../shell/page-header';
import { usePageTitle } from '../../shell/use-page-title';
import { EquipmentCard, type EquipmentFields } from './equipment-card';
import { EQUIPMENT_SOURCES, useBankTerminals, useFiscalRegisters, type EquipmentTab } from './pos-equipment-api';

export const POS_EQUIPMENT_PATH = '/settings/pos-equipment';
const TABS = Object.keys(EQUIPMENT_SOURCES) as EquipmentTab[];

const REGISTER_FIELDS: EquipmentFields<FiscalRegisterView> = ['model', 'firmwareVersion', 'serialNumber', 'ffdVersion', 'registrationNumber', 'fnNumber'];
const TERMINAL_FIELDS: EquipmentFields<BankTerminalView> = ['model', 'tid', 'mid'];

/**
 * Настройки → POS оборудование: two tabs (each its own address, so a reload or a link keeps it), Фискальные
 * регистраторы and Банковские терминалы, each a searchable list whose first column opens the device's read-only card.
 */
export function PosEquipmentPage() {
  const { t } = useTranslation();
  const { role } = useAccount();
  const { tab } = useParams();
  const navigate = useNavigate();
  const narrow = useNarrowScreen();
  usePageTitle(t('posEquipment.title'));
  if (!can(role, 'pos-equipment:read')) return <ForbiddenPage />;
  if (!TABS.includes(tab as EquipmentTab)) return <Navigate to={`${POS_EQUIPMENT_PATH}/${TABS[0]}`} replace />;

  return (
    <Card>
      <PageHeader title={t('posEquipment.title')} addLabel="" onAdd={null} />
      <Tabs
        activeKey={tab}
        onChange={(key) => void navigate(`${POS_EQUIPMENT_PATH}/${key}`)}
        items={[
          { key: 'fiscal-registers', label: <TabLabel narrow={narrow}>{t('posEquipment.fiscalRegisters')}</TabLabel>, children: tab === 'fiscal-registers' && <FiscalRegisters /> },
          { key: 'bank-terminals', label: <TabLabel narrow={narrow}>{t('posEquipment.bankTerminals')}</TabLabel>, children: tab === 'bank-terminals' && <BankTerminals /> },
        ]}
      />
    </Card>
  );
}

/**
 * A tab's name; on a phone it wraps onto two lines, so that both tabs fit: antd would otherwise hide one behind a «…»
 * button inside the tab list, which screen readers cannot make sense of there.
 */
function TabLabel({ narrow, children }: { narrow: boolean; children: string }) {
  return narrow ? <span style={{ display: 'inline-block', maxWidth: 120, whiteSpace: 'normal', lineHeight: 1.3 }}>{children}</span> : children;
}

/** The columns both lists end with: where the device stands. */
function placeColumns<V extends FiscalRegisterView | BankTerminalView>(t: ReturnType<typeof useTranslation>['t']): ListColumn<V>[] {
  return [
    { key: 'workplace', title: t('posEquipment.workplace'), render: ({ workplaceName }) => workplaceName },
    { key: 'salesPoint', title: t('posEquipment.salesPoint'), render: ({ salesPointName }) => salesPointName },
  ];
}

function FiscalRegisters() {
  const { t } = useTranslation();
  const params = useListParams();
  const list = useFiscalRegisters(params);
  const [open, setOpen] = useState<FiscalRegisterView | null>(null);
  const columns: ListColumn<FiscalRegisterView>[] = [
    { key: 'serialNumber', title: t('posEquipment.serialNumber'), sortField: 'serialNumber', render: (register) => <OpenCardLink onOpen={() => setOpen(register)}>{register.serialNumber}</OpenCardLink> },
    { key: 'model', title: t('posEquipment.model'), sortField: 'model', render: ({ model }) => model },
    { key: 'registrationNumber', title: t('posEquipment.registrationNumber'), render: ({ registrationNumber }) => registrationNumber },
    { key: 'fnNumber', title: t('posEquipment.fnNumber'), render: ({ fnNumber }) => fnNumber },
    ...placeColumns<FiscalRegisterView>(t),
  ];
  return (
    <>
      <DataList<FiscalRegisterView>
        list={list}
        params={params}
        searchPlaceholder={t('posEquipment.searchRegisters')}
        emptyText={t('posEquipment.emptyRegisters')}
        notFoundText={t('posEquipment.notFound')}
        itemTestId="fiscal-register-row"
        columns={columns}
        minWidth={960}
      />
      <EquipmentCard tab="fiscal-registers" title={t('posEquipment.registerTitle')} device={open} fields={REGISTER_FIELDS} onClose={() => setOpen(null)} />
    </>
  );
}

function BankTerminals() {
  const { t } = useTranslation();
  const params = useListParams();
  const list = useBankTerminals(params);
  const [open, setOpen] = useState<BankTerminalView | null>(null);
  const columns: ListColumn<BankTerminalView>[] = [
    { key: 'tid', title: t('posEquipment.tid'), sortField: 'tid', render: (terminal) => <OpenCardLink onOpen={() => setOpen(terminal)}>{terminal.tid}</OpenCardLink> },
    { key: 'mid', title: t('posEquipment.mid'), render: ({ mid }) => mid },
    { key: 'model', title: t('posEquipment.model'), sortField: 'model', render: ({ model }) => model },
    ...placeColumns<BankTerminalView>(t),
  ];
  return (
    <>
      <DataList<BankTerminalView>
        list={list}
        params={params}
        searchPlaceholder={t('posEquipment.searchTerminals')}
        emptyText={t('posEquipment.emptyTerminals')}
        notFoundText={t('posEquipment.notFound')}
        itemTestId="bank-terminal-row"
        columns={columns}
        minWidth={760}
      />
      <EquipmentCard tab="bank-terminals" title={t('posEquipment.terminalTitle')} device={open} fields={TERMINAL_FIELDS} onClose={() => setOpen(null)} />
    </>
  );
}
