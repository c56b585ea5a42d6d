import type { BankTerminalDetails, EquipmentPlace, FiscalRegisterDetails } from '@elk/contracts';
import { deciderSpec } from '@elk/testing';
import { bankTerminalDecider, fiscalRegisterDecider, type BankTerminalEvent, type FiscalRegisterEvent, type ReportDevice } from './equipment.decider';

const organisationId = '11111111-1111-4111-8111-111111111111';
const deviceId = '21111111-1111-5111-8111-111111111111';
const at = '2026-12-01T10:00:00.000Z';
const later = '2026-12-01T12:00:00.000Z';
const till1: EquipmentPlace = { workplaceId: '31111111-1111-4111-8111-111111111111', workplaceName: 'Касса №1', salesPointId: '41111111-1111-4111-8111-111111111111', salesPointName: 'Магазин у дома' };
const till2: EquipmentPlace = { workplaceId: '32222222-2222-4222-8222-222222222222', workplaceName: 'Касса №2', salesPointId: till1.salesPointId, salesPointName: till1.salesPointName };
const atol: FiscalRegisterDetails = { model: 'АТОЛ 30Ф', firmwareVersion: '5.8.21', serialNumber: '00106712345678', ffdVersion: '1.2', registrationNumber: '0000000001012345', fnNumber: '7380440700123456' };
const ingenico: BankTerminalDetails = { model: 'Ingenico Move/5000', tid: '10293847', mid: '781234567890' };

const report = <D>(details: D, place = till1, when = later): ReportDevice<D> => ({ type: 'ReportDevice', organisationId, deviceId, details, place, at: when });

describe('fiscal register decider', () => {
  const spec = deciderSpec(fiscalRegisterDecider);
  const reported: FiscalRegisterEvent = { type: 'FiscalRegisterReported', data: { organisationId, deviceId, details: atol, place: till1, reportedAt: at } };

  it('records a register the first time a terminal reports it, with the workplace and sales point it stands at', () => {
    spec.given([]).when(report(atol, till1, at)).then([reported]);
  });

  it('records nothing when the same register is reported again from the same workplace', () => {
    spec.given([reported]).when(report(atol)).then([]);
  });

  it('records nothing when only the names of its workplace or sales point changed since', () => {
    spec.given([reported]).when(report(atol, { ...till1, workplaceName: 'Касса у входа', salesPointName: 'Магазин' })).then([]);
  });

  it('records a move when another workplace reports it', () => {
    spec.given([reported]).when(report(atol, till2)).then([{ type: 'FiscalRegisterMoved', data: { organisationId, deviceId, from: till1, to: till2, movedAt: later } }]);
  });

  it('records a move when its workplace now stands at another sales point', () => {
    const kiosk = { ...till1, salesPointId: '42222222-2222-4222-8222-222222222222', salesPointName: 'Киоск' };
    spec.given([reported]).when(report(atol, kiosk)).then([{ type: 'FiscalRegisterMoved', data: { organisationId, deviceId, from: till1, to: kiosk, movedAt: later } }]);
  });

  it('records new firmware and a new ФН with all the details', () => {
    const changed = { ...atol, firmwareVersion: '5.9.0', fnNumber: '7380440700654321' };
    spec.given([reported]).when(report(changed)).then([{ type: 'FiscalRegisterUpdated', data: { organisationId, deviceId, details: changed, updatedAt: later } }]);
  });

  it('records a move and new details of one report, the move first, and then nothing for the same report', () => {
    const changed = { ...atol, ffdVersion: '1.1' as const };
    const moved: FiscalRegisterEvent = { type: 'FiscalRegisterMoved', data: { organisationId, deviceId, from: till1, to: till2, movedAt: later } };
    const updated: FiscalRegisterEvent = { type: 'FiscalRegisterUpdated', data: { organisationId, deviceId, details: changed, updatedAt: later } };
    spec.given([reported]).when(report(changed, till2)).then([moved, updated]);
    spec.given([reported, moved, updated]).when(report(changed, till2)).then([]);
  });

  it('records a move back to the first workplace', () => {
    const moved: FiscalRegisterEvent = { type: 'FiscalRegisterMoved', data: { organisationId, deviceId, from: till1, to: till2, movedAt: later } };
    spec.given([reported, moved]).when(report(atol, till1)).then([{ type: 'FiscalRegisterMoved', data: { organisationId, deviceId, from: till2, to: till1, movedAt: later } }]);
  });
});

describe('bank terminal decider', () => {
  const spec = deciderSpec(bankTerminalDecider);
  const reported: BankTerminalEvent = { type: 'BankTerminalReported', data: { organisationId, deviceId, details: ingenico, place: till1, reportedAt: at } };

  it('records a bank terminal the first time, nothing for the same report, and a move to another workplace', () => {
    spec.given([]).when(report(ingenico, till1, at)).then([reported]);
    spec.given([reported]).when(report(ingenico)).then([]);
    spec.given([reported]).when(report(ingenico, till2)).then([{ type: 'BankTerminalMoved', data: { organisationId, deviceId, from: till1, to: till2, movedAt: later } }]);
  });

  it('records another MID or model as new details', () => {
    const changed = { ...ingenico, mid: '781234567891' };
    spec.given([reported]).when(report(changed)).then([{ type: 'BankTerminalUpdated', data: { organisationId, deviceId, details: changed, updatedAt: later } }]);
  });
});
