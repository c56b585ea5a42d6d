import { AddProductRequest, PRODUCT_NAME_FORBIDDEN_MESSAGE, categoryPaths, productFileHeaderProblems, productFileRow, type ProductFileRow, type ProductView } from '@elk/contracts';
import { ProductFileLookups } from './product-file-lookups';
import { parsePrice, productRowConverter } from './product-row.converter';

const PIECE = '11111111-1111-4111-8111-111111111111';
const PORTION = '22222222-2222-4222-8222-222222222222';
const DRINKS = '33333333-3333-4333-8333-333333333333';
const COFFEE = '44444444-4444-4444-8444-444444444444';
const units = [
  { id: PIECE, name: 'штука или единица', shortName: 'шт' },
  { id: PORTION, name: 'порция', shortName: 'порц' },
];
const categories = [
  { id: DRINKS, name: 'Напитки', parentId: null },
  { id: COFFEE, name: 'Кофе', parentId: DRINKS },
];
const convert = productRowConverter(new ProductFileLookups(units, categories));

const row = (cells: Partial<ProductFileRow> = {}) => ({ Наименование: 'Капучино', Цена: '250', 'Единица измерения': 'шт', НДС: '22%', ...cells });

function fieldsOf(cells: Partial<ProductFileRow>) {
  const converted = convert(row(cells));
  if (!converted.valid) throw new Error(`Row refused: ${JSON.stringify(converted.errors)}`);
  return converted.fields;
}

function errorsOf(cells: Record<string, string>) {
  const converted = convert(cells);
  return converted.valid ? [] : converted.errors;
}

describe('product file row', () => {
  it('reads the four required columns into the card the card form would make of them', () => {
    expect(fieldsOf({})).toEqual(AddProductRequest.parse({ name: 'Капучино', price: 25_000, unitId: PIECE, vat: 'vat22' }));
  });

  it.each([
    ['1 234,50', 123_450],
    ['1234.5', 123_450],
    ['1\u00a0234,05 ₽', 123_405],
    ['0', 0],
    ['99', 9_900],
  ])('reads the price %j as %d kopecks', (text, kopecks) => {
    expect(parsePrice(text)).toBe(kopecks);
    expect(fieldsOf({ Цена: text }).price).toBe(kopecks);
  });

  it.each(['-5', '12,345', 'сто', '1,2,3'])('refuses the price %j, showing how to write one', (price) => {
    expect(errorsOf(row({ Цена: price }))).toEqual([{ field: 'Цена', message: 'Цена — сумма в рублях, например 123,45' }]);
  });

  it('finds a unit by its name or short name, a category by its path, VAT by its label, letter case aside', () => {
    expect(fieldsOf({ 'Единица измерения': 'Порция', Категория: 'напитки/кофе', НДС: 'без ндс' })).toMatchObject({ unitId: PORTION, categoryId: COFFEE, vat: 'none' });
    expect(fieldsOf({ НДС: 'ндс не облагается' })).toMatchObject({ vat: 'none' });
    expect(fieldsOf({ 'Единица измерения': 'порц', Категория: 'Напитки' })).toMatchObject({ unitId: PORTION, categoryId: DRINKS });
  });

  it('takes the payment subject and the country by code or by name', () => {
    expect(fieldsOf({ 'Предмет расчёта': '4', Страна: '643' })).toMatchObject({ paymentSubject: 4, countryCode: '643' });
    expect(fieldsOf({ 'Предмет расчёта': 'услуга', Страна: 'Россия' })).toMatchObject({ paymentSubject: 4, countryCode: '643' });
    expect(fieldsOf({ Страна: '36' }).countryCode).toBe('036');
  });

  it('reads barcodes separated by commas or semicolons, and Да / Нет for marking', () => {
    expect(fieldsOf({ Штрихкоды: '4600000000008; 96385074,5901234123457', Маркировка: 'да' })).toMatchObject({
      barcodes: ['4600000000008', '96385074', '5901234123457'],
      marked: true,
    });
    expect(fieldsOf({ Маркировка: 'Нет' }).marked).toBe(false);
  });

  it('reports every bad column of a row in Russian under its header, in the order of the columns', () => {
    const errors = errorsOf({
      Наименование: 'Кофе "Арабика"',
      Описание: '',
      Цена: 'дорого',
      'Единица измерения': 'ведро',
      НДС: '18%',
      Категория: 'Напитки / Чай',
      'Предмет расчёта': 'подарок',
      Страна: 'Атлантида',
      Штрихкоды: '4600000000009',
      Артикул: 'A'.repeat(65),
      Маркировка: 'может быть',
    });
    expect(errors).toEqual([
        { field: 'Наименование', message: PRODUCT_NAME_FORBIDDEN_MESSAGE },
        { field: 'Цена', message: 'Цена — сумма в рублях, например 123,45' },
        { field: 'Единица измерения', message: 'Единица измерения «ведро» не найдена: добавьте её в Каталог → Единицы измерения или укажите другую' },
        { field: 'НДС', message: 'Ставки НДС «18%» нет. Ставки: 22%, 10%, 0%, НДС не облагается, 22/122, 10/110, 5%, 7%, 5/105, 7/107' },
        {
          field: 'Категория',
          message: 'Категории «Напитки / Чай» нет: создайте её в Каталог → Категории (путь от верхней, через «/») или оставьте поле пустым',
        },
        { field: 'Предмет расчёта', message: 'Предмета расчёта «подарок» нет: укажите название или код по тегу 1212' },
        { field: 'Страна', message: 'Страны «Атлантида» нет в ОКСМ: укажите название или трёхзначный код' },
        { field: 'Штрихкоды', message: 'Неверный штрихкод 4600000000009: не сходится контрольная цифра' },
        { field: 'Артикул', message: expect.stringContaining('64') },
        { field: 'Маркировка', message: 'Маркировка — «Да» или «Нет»' },
    ]);
  });

  it('asks for the required columns left blank, and refuses 20% saying why', () => {
    expect(errorsOf({ Наименование: '', Цена: '', 'Единица измерения': '', НДС: '' })).toEqual([
      { field: 'Наименование', message: 'Обязательное поле' },
      { field: 'Цена', message: 'Укажите цену' },
      { field: 'Единица измерения', message: 'Укажите единицу измерения' },
      { field: 'НДС', message: 'Укажите ставку НДС' },
    ]);
    expect(errorsOf(row({ НДС: '20%' }))).toEqual([{ field: 'НДС', message: 'Ставка НДС 20% не применяется с 1 января 2026 года: выберите 22%' }]);
    expect(errorsOf(row({ Цена: '1 000 000 000' }))).toEqual([{ field: 'Цена', message: 'Цена — от 0 до 999 999 999,99 ₽' }]);
  });

  it('refuses a unit that several units answer to', () => {
    const twoMetres = productRowConverter(
      new ProductFileLookups(
        [
          { id: PIECE, name: 'метр', shortName: 'м' },
          { id: PORTION, name: 'метр', shortName: 'мтр' },
        ],
        [],
      ),
    );
    const converted = twoMetres(row({ 'Единица измерения': 'метр' }));
    expect(converted.valid ? [] : converted.errors).toEqual([
      { field: 'Единица измерения', message: 'Единиц измерения «метр» несколько: переименуйте лишние или укажите другую' },
    ]);
  });

  it('reads an exported product back to the same card', () => {
    const product: ProductView = {
      id: '55555555-5555-4555-8555-555555555555',
      version: 3,
      name: 'Кофе в зёрнах Арабика 1 кг',
      description: 'Колумбия, средняя обжарка',
      price: 149_905,
      unitId: PORTION,
      vat: 'vat10/110',
      categoryId: COFFEE,
      paymentSubject: 33,
      countryCode: '036',
      barcodes: ['4600000000008', '96385074'],
      article: 'ARB-1000',
      marked: true,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-02T00:00:00.000Z',
    };
    const exported = productFileRow(product, { unitNames: new Map(units.map((unit) => [unit.id, unit.name])), categoryPaths: categoryPaths(categories) });
    expect(exported).toMatchObject({ Цена: '1499,05', Категория: 'Напитки / Кофе', Страна: 'Австралия', Штрихкоды: '4600000000008, 96385074', Маркировка: 'Да' });
    const { id: _id, version: _version, createdAt: _createdAt, updatedAt: _updatedAt, ...card } = product;
    expect(convert(exported)).toEqual({ valid: true, fields: card, columns: expect.any(Set) });
  });
});

describe('product file row text', () => {
  it('refuses a cell with a NUL character or a lone UTF-16 half under its column', () => {
    expect(errorsOf(row({ Описание: 'Зёрна\u0000', Артикул: 'A\uD800' }))).toEqual([
      { field: 'Описание', message: 'В тексте недопустимый символ NUL (код 0) — удалите его' },
      { field: 'Артикул', message: expect.stringMatching(/^В тексте недопустимый символ \(половина пары UTF-16/) },
    ]);
  });

  it('quotes at most 50 characters of a cell it cannot read, and of the name of the row', () => {
    const converted = convert(row({ Наименование: 'Я'.repeat(200), 'Единица измерения': 'ш'.repeat(10_000) }));
    expect(converted).toMatchObject({ valid: false, name: `${'Я'.repeat(50)}…` });
    expect(errorsOf(row({ 'Единица измерения': 'ш'.repeat(10_000) }))).toEqual([
      { field: 'Единица измерения', message: expect.stringMatching(new RegExp(`^Единица измерения «ш{50}…» не найдена`)) },
    ]);
  });
});

describe('product file header', () => {
  it('names the required columns missing and the unknown ones, and takes headers in any letter case and with «е» for «ё»', () => {
    expect(productFileHeaderProblems(['наименование ', 'Цена', 'НДС', 'Предмет расчета', 'Остаток'])).toEqual([
      { path: 'Единица измерения', message: 'В файле нет столбца «Единица измерения»: он обязателен' },
      { path: 'Остаток', message: expect.stringContaining('Неизвестный столбец «Остаток». Столбцы файла: «Наименование», «Описание», «Цена»') },
    ]);
  });
});
