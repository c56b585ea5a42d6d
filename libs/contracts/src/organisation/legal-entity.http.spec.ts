import '../common/russian-errors';
import { fieldErrorsOf } from '../common/problem';
import { ChangePasswordRequest } from '../identity/identity.http';
import { AddLegalEntityRequest, UpdateLegalEntityRequest, legalEntityTitle } from './legal-entity.http';

const romashka = {
  type: 'ooo',
  name: 'Ромашка',
  inn: '7707083893',
  kpp: '773601001',
  ogrn: '1027700132195',
  legalAddress: 'г. Москва, ул. Вавилова, д. 19',
  taxSystem: 'osn',
};

function errorsOf(schema: typeof AddLegalEntityRequest | typeof UpdateLegalEntityRequest | typeof ChangePasswordRequest, body: object) {
  const result = schema.safeParse(body);
  return result.success ? [] : fieldErrorsOf(result.error);
}

describe('legal entity card', () => {
  it('accepts a valid ООО', () => {
    expect(errorsOf(AddLegalEntityRequest, romashka)).toEqual([]);
  });

  it('reports a wrong ИНН, КПП and ОГРН together with an empty name and no tax system, at once', () => {
    const errors = errorsOf(AddLegalEntityRequest, { ...romashka, name: '', taxSystem: undefined, inn: '7707083891', kpp: '12', ogrn: '123' });
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'name', message: 'Обязательное поле' },
        { path: 'taxSystem', message: 'Выберите систему налогообложения: ОСН, УСН доход, УСН доход − расход, ЕСХН или ПСН' },
        { path: 'inn', message: 'Неверный ИНН: не сходится контрольное число' },
        { path: 'kpp', message: 'КПП — 9 символов: 4 цифры, 2 цифры или заглавные латинские буквы, 3 цифры' },
        { path: 'ogrn', message: 'ОГРН — 13 цифр' },
      ]),
    );
    expect(errors).toHaveLength(5);
  });

  it('reports the ИНН of an update along with a stale-version field error', () => {
    const errors = errorsOf(UpdateLegalEntityRequest, { ...romashka, inn: '123', legalAddress: ' ', expectedVersion: 0 });
    expect(errors.map(({ path }) => path).sort()).toEqual(['expectedVersion', 'inn', 'legalAddress']);
  });

  it('does not guess at the numbers when the type itself is wrong', () => {
    expect(errorsOf(AddLegalEntityRequest, { ...romashka, type: 'zao' })).toEqual([{ path: 'type', message: 'Выберите форму: ООО, АО, ПАО, НАО или ИП' }]);
  });

  it('names the tax systems when an unknown one is sent', () => {
    expect(errorsOf(AddLegalEntityRequest, { ...romashka, taxSystem: 'usn' })).toEqual([
      { path: 'taxSystem', message: 'Выберите систему налогообложения: ОСН, УСН доход, УСН доход − расход, ЕСХН или ПСН' },
    ]);
  });
});

describe('password change', () => {
  it('says the passwords differ even when the old password is missing', () => {
    const errors = errorsOf(ChangePasswordRequest, { oldPassword: '', newPassword: 'Secret123', newPasswordRepeat: 'Secret124' });
    expect(errors.map(({ path }) => path).sort()).toEqual(['newPasswordRepeat', 'oldPassword']);
  });
});

describe('legal entity title', () => {
  it.each([
    ['ooo', 'Ромашка', 'ООО Ромашка'],
    ['ooo', 'ООО «Ромашка»', 'ООО «Ромашка»'],
    ['ooo', 'ооо "Ромашка"', 'ооо "Ромашка"'],
    ['ooo', 'Общество с ограниченной ответственностью «Ромашка»', 'Общество с ограниченной ответственностью «Ромашка»'],
    ['ip', 'ИП Иванов Иван Иванович', 'ИП Иванов Иван Иванович'],
    ['ip', 'Иванов Иван Иванович', 'ИП Иванов Иван Иванович'],
    ['ao', 'АОРТА', 'АО АОРТА'],
    ['pao', 'АО «Ромашка»', 'ПАО АО «Ромашка»'],
  ] as const)('names the form of %s «%s» once: %s', (type, name, title) => {
    expect(legalEntityTitle({ type, name })).toBe(title);
  });
});
