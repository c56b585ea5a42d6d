import '../common/russian-errors';
import { EquipmentReport } from './equipment.http';

const fiscalRegister = { model: 'АТОЛ 30Ф', firmwareVersion: '5.8.21', serialNumber: '00106712345678', ffdVersion: '1.2', registrationNumber: '0000000001012345', fnNumber: '7380440700123456' };
const bankTerminal = { model: 'Ingenico Move/5000', tid: '1029384A', mid: '781234567890' };

/** The per-field messages a report is refused with. */
const errorsOf = (report: unknown) => EquipmentReport.safeParse(report).error?.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));

describe('the equipment a terminal reports', () => {
  it('takes a register and a bank terminal, either one alone, and trims what was typed around the values', () => {
    expect(EquipmentReport.parse({ fiscalRegister, bankTerminal })).toEqual({ fiscalRegister, bankTerminal });
    expect(EquipmentReport.parse({ bankTerminal: { ...bankTerminal, tid: ` ${bankTerminal.tid} ` } })).toEqual({ bankTerminal });
    expect(EquipmentReport.parse({ fiscalRegister, bankTerminal: null })).toEqual({ fiscalRegister, bankTerminal: null });
    for (const version of ['1.05', '1.1', '1.2']) expect(errorsOf({ fiscalRegister: { ...fiscalRegister, ffdVersion: version } })).toBeUndefined();
  });

  it('asks for a register or a bank terminal when neither is there', () => {
    expect(errorsOf({})).toEqual([{ path: 'fiscalRegister', message: 'Укажите фискальный регистратор или банковский терминал' }]);
    expect(errorsOf({ fiscalRegister: null, bankTerminal: null })).toEqual([{ path: 'fiscalRegister', message: 'Укажите фискальный регистратор или банковский терминал' }]);
  });

  it('names every wrong field of a register in Russian', () => {
    expect(errorsOf({ fiscalRegister: { model: ' ', firmwareVersion: '', serialNumber: '0010-67', ffdVersion: '1.0', registrationNumber: '123', fnNumber: '73804407001234567' } })).toEqual([
      { path: 'fiscalRegister.model', message: 'Укажите модель фискального регистратора' },
      { path: 'fiscalRegister.firmwareVersion', message: 'Укажите версию прошивки' },
      { path: 'fiscalRegister.serialNumber', message: 'Заводской номер ККТ — до 20 цифр и латинских букв' },
      { path: 'fiscalRegister.ffdVersion', message: 'Версия ФФД: 1.05, 1.1 или 1.2' },
      { path: 'fiscalRegister.registrationNumber', message: 'Регистрационный номер ККТ — 16 цифр' },
      { path: 'fiscalRegister.fnNumber', message: 'Номер ФН — 16 цифр' },
    ]);
    expect(errorsOf({ fiscalRegister: { ...fiscalRegister, serialNumber: '1'.repeat(21), registrationNumber: '000000000101234x' } })?.map((error) => error.path)).toEqual([
      'fiscalRegister.serialNumber',
      'fiscalRegister.registrationNumber',
    ]);
  });

  it('names every wrong field of a bank terminal in Russian, and a field it does not know', () => {
    expect(errorsOf({ bankTerminal: { model: '', tid: '1029384', mid: '7812345678901234' } })).toEqual([
      { path: 'bankTerminal.model', message: 'Укажите модель банковского терминала' },
      { path: 'bankTerminal.tid', message: 'TID (идентификатор терминала) — 8 цифр и латинских букв' },
      { path: 'bankTerminal.mid', message: 'MID (идентификатор мерчанта) — до 15 цифр и латинских букв' },
    ]);
    expect(errorsOf({ bankTerminal: { ...bankTerminal, tid: '1029384АБ' } })).toEqual([{ path: 'bankTerminal.tid', message: 'TID (идентификатор терминала) — 8 цифр и латинских букв' }]);
    expect(errorsOf({ bankTerminal: { ...bankTerminal, pin: '1234' } })).toEqual([{ path: 'bankTerminal', message: 'Неизвестное поле «pin»' }]);
  });
});
