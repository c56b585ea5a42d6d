import { BankTerminalList, BankTerminalView, DevicesSubjects, FiscalRegisterList, FiscalRegisterView, GetBankTerminalList, GetFiscalRegisterList } from '@elk/contracts';
import { HistoryResponse } from '../routes/resource-routes';
import { named, route } from '../routes/route';

const common = { tag: 'pos-equipment', access: 'pos-equipment:read' } as const;
const FISCAL_REGISTERS = '/api/v1/fiscal-registers';
const BANK_TERMINALS = '/api/v1/bank-terminals';
const fiscalRegisterId = { description: 'Идентификатор фискального регистратора (uuid)', notFound: 'Фискальный регистратор не найден' };
const bankTerminalId = { description: 'Идентификатор банковского терминала (uuid)', notFound: 'Банковский терминал не найден' };

/** Настройки → POS оборудование: the fiscal registers and bank terminals the organisation's terminals reported (read only). */
export const EquipmentRoutes = {
  fiscalRegisters: route({
    ...common,
    method: 'get',
    path: FISCAL_REGISTERS,
    query: GetFiscalRegisterList,
    forward: { subject: DevicesSubjects.GetFiscalRegisterList, payload: ({ query }) => query },
    response: { status: 200, description: 'Страница списка', schema: named('FiscalRegisterList', FiscalRegisterList) },
    summary: 'Фискальные регистраторы организации',
    description: 'По заводскому номеру ККТ (или `sort`: `serialNumber`, `model`, с минусом — в обратном порядке). Поиск по заводскому номеру, регистрационному номеру ККТ, модели и номеру ФН.',
  }),
  fiscalRegister: route({
    ...common,
    method: 'get',
    path: `${FISCAL_REGISTERS}/{id}`,
    id: fiscalRegisterId,
    forward: { subject: DevicesSubjects.GetFiscalRegister, payload: ({ id }) => ({ deviceId: id }) },
    response: { status: 200, description: 'Карточка фискального регистратора: данные, рабочее место и торговая точка, когда сообщён', schema: named('FiscalRegisterView', FiscalRegisterView) },
    summary: 'Фискальный регистратор',
  }),
  fiscalRegisterHistory: route({
    ...common,
    method: 'get',
    path: `${FISCAL_REGISTERS}/{id}/history`,
    id: fiscalRegisterId,
    forward: { subject: DevicesSubjects.GetFiscalRegisterHistory, payload: ({ id }) => ({ deviceId: id }) },
    response: HistoryResponse,
    summary: 'История фискального регистратора',
    description: 'Первое сообщение терминала о регистраторе, переносы на другие рабочие места, смена прошивки, ФН и других данных.',
  }),
  bankTerminals: route({
    ...common,
    method: 'get',
    path: BANK_TERMINALS,
    query: GetBankTerminalList,
    forward: { subject: DevicesSubjects.GetBankTerminalList, payload: ({ query }) => query },
    response: { status: 200, description: 'Страница списка', schema: named('BankTerminalList', BankTerminalList) },
    summary: 'Банковские терминалы организации',
    description: 'По TID (или `sort`: `tid`, `model`, с минусом — в обратном порядке). Поиск по TID (идентификатор терминала), MID (идентификатор мерчанта) и модели.',
  }),
  bankTerminal: route({
    ...common,
    method: 'get',
    path: `${BANK_TERMINALS}/{id}`,
    id: bankTerminalId,
    forward: { subject: DevicesSubjects.GetBankTerminal, payload: ({ id }) => ({ deviceId: id }) },
    response: { status: 200, description: 'Карточка банковского терминала: данные, рабочее место и торговая точка, когда сообщён', schema: named('BankTerminalView', BankTerminalView) },
    summary: 'Банковский терминал',
  }),
  bankTerminalHistory: route({
    ...common,
    method: 'get',
    path: `${BANK_TERMINALS}/{id}/history`,
    id: bankTerminalId,
    forward: { subject: DevicesSubjects.GetBankTerminalHistory, payload: ({ id }) => ({ deviceId: id }) },
    response: HistoryResponse,
    summary: 'История банковского терминала',
    description: 'Первое сообщение терминала о банковском терминале, переносы на другие рабочие места, смена MID и других данных.',
  }),
};
