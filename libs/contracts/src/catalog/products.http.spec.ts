import '../common/russian-errors';
import { fieldErrorsOf } from '../common/problem';
import { OKSM_COUNTRIES, oksmCountryName } from './oksm-countries';
import { PAYMENT_SUBJECTS, isValidBarcode } from './product-fiscal-codes';
import { AddProductRequest, PRODUCT_NAME_FORBIDDEN_MESSAGE } from './products.http';

const card = { name: 'Капучино 300 мл', price: 25_000, unitId: '33333333-3333-4333-8333-333333333333', vat: 'vat22' };

/** The field errors of a card with these fields changed, as the cabinet shows them. */
function errorsOf(changes: object) {
  const result = AddProductRequest.safeParse({ ...card, ...changes });
  return result.success ? [] : fieldErrorsOf(result.error);
}

describe('product card', () => {
  it('fills what is left out: no description, category, country, barcode or article; товар; not marked', () => {
    expect(AddProductRequest.parse({ ...card, description: '  ', article: '' })).toEqual({
      ...card,
      description: null,
      categoryId: null,
      paymentSubject: 1,
      countryCode: null,
      barcodes: [],
      article: null,
      marked: false,
    });
  });

  it.each(['Кофе "Арабика"', 'Конфеты «Мишка»', 'Кофе d’Or', "Кофе d'Or", 'Чай „Липтон“', 'Кофе <b>', 'Кофе\\Чай', 'Кофе\tЧай', 'Кофе\nЧай'])(
    'refuses %j in the name, saying which characters are not allowed',
    (name) => {
      expect(errorsOf({ name })).toEqual([{ path: 'name', message: PRODUCT_NAME_FORBIDDEN_MESSAGE }]);
      expect(PRODUCT_NAME_FORBIDDEN_MESSAGE).toBe('Наименование не может содержать кавычки и символы " \' « » „ “ ” ‘ ’ ` < > \\, табуляцию и переносы строк');
    },
  );

  it('allows letters, digits, punctuation without quotes, and 128 characters but not 129', () => {
    expect(errorsOf({ name: 'Кофе Арабика, 1 кг (зёрна) — 100% №5 / 2+1' })).toEqual([]);
    expect(errorsOf({ name: 'к'.repeat(128) })).toEqual([]);
    expect(errorsOf({ name: 'к'.repeat(129) })).toEqual([{ path: 'name', message: 'Не более 128 символов' }]);
  });

  it('takes the price in whole kopecks from 0 to 999 999 999,99 ₽', () => {
    expect(errorsOf({ price: 0 })).toEqual([]);
    expect(errorsOf({ price: 99_999_999_999 })).toEqual([]);
    for (const price of [-1, 100_000_000_000, 12.5]) expect(errorsOf({ price })).toEqual([{ path: 'price', message: 'Цена — от 0 до 999 999 999,99 ₽' }]);
  });

  it('refuses 20% and 20/120, no longer valid after 2026-01-01', () => {
    expect(errorsOf({ vat: 'vat20' })).toEqual([{ path: 'vat', message: 'Ставка НДС 20% не применяется с 1 января 2026 года: выберите 22%' }]);
    expect(errorsOf({ vat: 'vat20/120' })).toEqual([{ path: 'vat', message: 'Ставка НДС 20/120 не применяется с 1 января 2026 года: выберите 22/122' }]);
    expect(errorsOf({ vat: '18%' })).toEqual([{ path: 'vat', message: 'Выберите ставку НДС из списка' }]);
    for (const vat of ['vat10', 'vat0', 'none', 'vat22/122', 'vat10/110', 'vat5', 'vat7', 'vat5/105', 'vat7/107']) expect(errorsOf({ vat })).toEqual([]);
  });

  it('checks barcodes: EAN-13, EAN-8 and UPC-A with a valid check digit; 00000000 means none', () => {
    expect(AddProductRequest.parse({ ...card, barcodes: ['4600000000008', ' 96385074 ', '036000291452', '00000000', '4600000000008'] }).barcodes).toEqual([
      '4600000000008',
      '96385074',
      '036000291452',
    ]);
    expect(errorsOf({ barcodes: ['4600000000008', '4600000000009'] })).toEqual([{ path: 'barcodes.1', message: 'Неверный штрихкод 4600000000009: не сходится контрольная цифра' }]);
    expect(errorsOf({ barcodes: ['12345'] })).toEqual([{ path: 'barcodes.0', message: 'Штрихкод — 8, 12 или 13 цифр (EAN-8, UPC-A, EAN-13), или 00000000, если штрихкода нет' }]);
    expect(isValidBarcode('5901234123457')).toBe(true);
    expect(isValidBarcode('590123412345X')).toBe(false);
  });

  it('takes a payment subject of tag 1212 and a country of ОКСМ', () => {
    expect(PAYMENT_SUBJECTS.map((subject) => subject.code)).toEqual([...Array.from({ length: 27 }, (_, index) => index + 1), 30, 31, 32, 33]);
    expect(errorsOf({ paymentSubject: 4, countryCode: '156' })).toEqual([]);
    expect(errorsOf({ paymentSubject: 28 })).toEqual([{ path: 'paymentSubject', message: 'Выберите предмет расчёта из списка' }]);
    expect(errorsOf({ countryCode: '999' })).toEqual([{ path: 'countryCode', message: 'Выберите страну из списка' }]);
    expect(['643', '112', '398', '156'].map(oksmCountryName)).toEqual(['Россия', 'Беларусь', 'Казахстан', 'Китай']);
    expect(OKSM_COUNTRIES.length).toBeGreaterThanOrEqual(250);
    expect(new Set(OKSM_COUNTRIES.map((country) => country.code)).size).toBe(OKSM_COUNTRIES.length);
  });
});
