import { unstorableTextPaths } from './unstorable-text';

describe('unstorableTextPaths', () => {
  it('names every string and key that cannot be stored, however deep, and nothing else', () => {
    const body = {
      name: 'Молоко\u0000',
      fine: 'Кефир 😀',
      barcodes: ['4601234567890', '\uD800'],
      nested: { address: { city: 'Москва', street: 'ул.\uDC00' } },
      'bad\u0000key': 'value',
      count: 3,
      none: null,
    };
    expect(unstorableTextPaths(body).sort()).toEqual(['bad\u0000key', 'barcodes.1', 'name', 'nested.address.street']);
  });

  it('names a bare string as the empty path and finds nothing in storable text', () => {
    expect(unstorableTextPaths('\u0000')).toEqual(['']);
    expect(unstorableTextPaths({ name: 'Молоко', tags: ['a', 'b'], price: 1.5 })).toEqual([]);
    expect(unstorableTextPaths(undefined)).toEqual([]);
  });

  it('walks a body nested tens of thousands deep without running out of stack', () => {
    const depth = 30_000;
    const deep = JSON.parse(`${'['.repeat(depth)}"\\u0000"${']'.repeat(depth)}`);
    expect(unstorableTextPaths(deep)).toEqual([Array(depth).fill('0').join('.')]);
  });

  it('reports at most 20 fields', () => {
    expect(unstorableTextPaths(Array(100).fill('\u0000'))).toHaveLength(20);
  });

  it('reads objects without Object.prototype, as a query string parses into', () => {
    expect(unstorableTextPaths(Object.assign(Object.create(null), { search: '\u0000', limit: '10' }))).toEqual(['search']);
  });

  it('leaves a Buffer alone: product files arrive as bytes', () => {
    expect(unstorableTextPaths({ file: Buffer.from([0, 0xd8]) })).toEqual([]);
  });
});
