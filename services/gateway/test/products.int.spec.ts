import { randomUUID } from 'node:crypto';
import { CatalogSubjects, type ProductList, type ProductView } from '@elk/contracts';
import { gatewayAnswering } from './gateway.harness';

const productId = randomUUID();
const unitId = randomUUID();
const categoryId = randomUUID();
const at = '2025-01-15T10:00:00.000Z';
const card = {
  name: 'Капучино 300 мл',
  description: null,
  price: 25_000,
  unitId,
  vat: 'vat22' as const,
  categoryId,
  paymentSubject: 1,
  countryCode: '643',
  barcodes: ['4006381333931', '96385074'],
  article: 'KAP-300',
  marked: false,
};
const product: ProductView = { id: productId, version: 1, ...card, createdAt: at, updatedAt: at };

const { received, request, signedIn } = gatewayAnswering({
  [CatalogSubjects.GetProductList]: { items: [product], total: 1, nextCursor: null } satisfies ProductList,
  [CatalogSubjects.GetProduct]: product,
  [CatalogSubjects.AddProduct]: product,
  [CatalogSubjects.UpdateProduct]: { ...product, version: 2, price: 27_000 },
  [CatalogSubjects.DeleteProduct]: null,
  [CatalogSubjects.GetProductHistory]: { items: [] },
});

const PRODUCTS = '/api/v1/catalog/products';
const errorsOf = (response: { json: () => { errors: unknown } }) => response.json().errors;

describe('products at the gateway', () => {
  it('passes the search, the category filter and the sort of the list to the catalog', async () => {
    const { token } = await signedIn('cashier');
    const response = await request('GET', `${PRODUCTS}?search=4006381&categoryId=${categoryId}&sort=price&limit=20`, token);
    expect(response.json()).toEqual({ items: [product], total: 1, nextCursor: null });
    expect((await request('GET', PRODUCTS, token)).statusCode).toBe(200);
    expect(received.map((call) => call.data)).toEqual([
      { search: '4006381', categoryId, sort: 'price', limit: 20 },
      // No sort asked: the list's own order, by name.
      { limit: 50 },
    ]);
  });

  it('adds a card as the catalog keeps it: no «00000000», no repeated barcode, a blank article as none', async () => {
    const { token, account } = await signedIn('manager');
    const response = await request('POST', PRODUCTS, token, { ...card, barcodes: ['4006381333931', '00000000', '96385074', '4006381333931'], article: '  ', description: '' });
    expect(response.statusCode).toBe(201);
    expect(received.map((call) => [call.subject, call.data])).toEqual([[CatalogSubjects.AddProduct, { productId: expect.any(String), product: { ...card, article: null } }]]);
    expect(received[0]!.headers).toMatchObject({ 'elk-organisation-id': account.organisationId, 'elk-actor': account.accountId, 'elk-role': 'manager' });
  });

  it('adds once for one Idempotency-Key, marking the retry as replayed', async () => {
    const { token } = await signedIn('owner');
    const key = randomUUID();
    const first = await request('POST', PRODUCTS, token, card, { 'idempotency-key': key });
    const retry = await request('POST', PRODUCTS, token, card, { 'idempotency-key': key });
    expect([first.statusCode, first.headers['idempotent-replayed'], retry.statusCode, retry.headers['idempotent-replayed']]).toEqual([201, undefined, 201, 'true']);
    expect(retry.json()).toEqual(first.json());
    expect(received.map((call) => call.subject)).toEqual([CatalogSubjects.AddProduct]);
  });

  it('edits and deletes once for one Idempotency-Key: a retry after a lost answer is answered as the first, not as a stale version', async () => {
    const { token } = await signedIn('owner');
    const [editKey, deleteKey] = [randomUUID(), randomUUID()];
    const edit = () => request('PUT', `${PRODUCTS}/${productId}`, token, { ...card, price: 26_000, expectedVersion: 1 }, { 'idempotency-key': editKey });
    const remove = () => request('DELETE', `${PRODUCTS}/${productId}`, token, undefined, { 'if-match': '1', 'idempotency-key': deleteKey });
    const [edited, editedAgain, deleted, deletedAgain] = [await edit(), await edit(), await remove(), await remove()];
    expect([edited.statusCode, editedAgain.statusCode, editedAgain.headers['idempotent-replayed'], editedAgain.json()]).toEqual([200, 200, 'true', edited.json()]);
    expect([deleted.statusCode, deletedAgain.statusCode, deletedAgain.headers['idempotent-replayed']]).toEqual([204, 204, 'true']);
    expect(received.map((call) => call.subject)).toEqual([CatalogSubjects.UpdateProduct, CatalogSubjects.DeleteProduct]);

    // The key of one product's edit sent for another product is refused.
    const other = await request('PUT', `${PRODUCTS}/${randomUUID()}`, token, { ...card, price: 26_000, expectedVersion: 1 }, { 'idempotency-key': editKey });
    expect([other.statusCode, other.json().code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it('edits with the version from the body and deletes with the one from If-Match', async () => {
    const { token } = await signedIn('admin');
    const edited = await request('PUT', `${PRODUCTS}/${productId}`, token, { ...card, price: 27_000, expectedVersion: 1 });
    const deleted = await request('DELETE', `${PRODUCTS}/${productId}`, token, undefined, { 'if-match': 'W/"2"' });
    expect([edited.statusCode, edited.json().price, deleted.statusCode]).toEqual([200, 27_000, 204]);
    expect(received.map((call) => [call.subject, call.data])).toEqual([
      [CatalogSubjects.UpdateProduct, { productId, product: { ...card, price: 27_000, expectedVersion: 1 } }],
      [CatalogSubjects.DeleteProduct, { productId, expectedVersion: 2 }],
    ]);
  });

  it.each(['cashier', 'guest'] as const)('lets a %s see products but refuses every write with 403, asking no service', async (role) => {
    const { token } = await signedIn(role);
    for (const url of [`${PRODUCTS}/${productId}`, `${PRODUCTS}/${productId}/history`]) expect([url, (await request('GET', url, token)).statusCode]).toEqual([url, 200]);
    received.length = 0;
    const writes = [
      await request('POST', PRODUCTS, token, card),
      await request('PUT', `${PRODUCTS}/${productId}`, token, { ...card, expectedVersion: 1 }),
      await request('DELETE', `${PRODUCTS}/${productId}`, token),
    ];
    expect(writes.map((response) => [response.statusCode, response.json().detail])).toEqual(Array(3).fill([403, 'Недостаточно прав']));
    expect(received).toEqual([]);
  });

  it('answers an id that is not a uuid with «Товар не найден»', async () => {
    const { token } = await signedIn('owner');
    const responses = [
      await request('GET', `${PRODUCTS}/kapuchino`, token),
      await request('PUT', `${PRODUCTS}/kapuchino`, token, { ...card, expectedVersion: 1 }),
      await request('DELETE', `${PRODUCTS}/1`, token),
      await request('GET', `${PRODUCTS}/kapuchino/history`, token),
    ];
    expect(responses.map((response) => [response.statusCode, response.json().detail])).toEqual(Array(4).fill([404, 'Товар не найден']));
    expect(received).toEqual([]);
  });

  it('refuses a card the till could not sell with Russian field errors, before asking the catalog', async () => {
    const { token } = await signedIn('owner');
    const refusal = async (change: object) => errorsOf(await request('POST', PRODUCTS, token, { ...card, ...change }));
    expect(await refusal({ barcodes: ['4006381333932'] })).toEqual([{ path: 'barcodes.0', message: 'Неверный штрихкод 4006381333932: не сходится контрольная цифра' }]);
    expect(await refusal({ vat: 'vat20' })).toEqual([{ path: 'vat', message: 'Ставка НДС 20% не применяется с 1 января 2026 года: выберите 22%' }]);
    expect(await refusal({ name: 'Кофе "Арабика"' })).toEqual([{ path: 'name', message: 'Наименование не может содержать кавычки и символы " \' « » „ “ ” ‘ ’ ` < > \\, табуляцию и переносы строк' }]);
    expect(await refusal({ price: 99.5 })).toEqual([{ path: 'price', message: 'Цена — от 0 до 999 999 999,99 ₽' }]);
    expect(await refusal({ unitId: 'шт' })).toEqual([{ path: 'unitId', message: 'Выберите единицу измерения из списка' }]);
    const noVersion = await request('PUT', `${PRODUCTS}/${productId}`, token, card);
    expect(errorsOf(noVersion)).toEqual([expect.objectContaining({ path: 'expectedVersion' })]);
    const badFilter = await request('GET', `${PRODUCTS}?categoryId=Напитки&sort=cheapest`, token);
    expect(errorsOf(badFilter)).toEqual(
      expect.arrayContaining([{ path: 'categoryId', message: 'Выберите категорию из списка' }, expect.objectContaining({ path: 'sort' })]),
    );
    const badIfMatch = await request('DELETE', `${PRODUCTS}/${productId}`, token, undefined, { 'if-match': 'latest' });
    expect(errorsOf(badIfMatch)).toEqual([{ path: 'if-match', message: 'If-Match: версия товара, которую вы видели (целое число)' }]);
    expect(received).toEqual([]);
  });
});
