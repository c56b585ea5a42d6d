import { deciderSpec } from '@elk/testing';
import { CLAIM_SETTLE_MS, ProductCodeTakenError, productCodeDecider, type CodeHolder, type ProductCodeCommand, type ProductCodeEvent } from './product-code.decider';

const spec = deciderSpec(productCodeDecider);
const organisationId = '11111111-1111-4111-8111-111111111111';
const first = '22222222-2222-4222-8222-222222222222';
const second = '33333333-3333-4333-8333-333333333333';
const third = '44444444-4444-4444-8444-444444444444';
const code = '4600000000008';
const at = '2026-01-15T10:00:00.000Z';
const aMomentLater = '2026-01-15T10:00:05.000Z';
const afterSettling = new Date(Date.parse(at) + CLAIM_SETTLE_MS + 1000).toISOString();

const claimed = (productId: string, claimedAt = at): ProductCodeEvent => ({
  type: 'ProductCodeClaimed',
  data: { organisationId, kind: 'barcode', code, productId, productVersion: 0, claimedAt },
});
const released = (productId: string): ProductCodeEvent => ({ type: 'ProductCodeReleased', data: { organisationId, kind: 'barcode', code, productId } });

const claim = (productId: string, holder?: CodeHolder, when = aMomentLater): ProductCodeCommand => ({
  type: 'ClaimProductCode',
  organisationId,
  kind: 'barcode',
  code,
  productId,
  productVersion: 0,
  holder,
  at: when,
});
const release = (productId: string): ProductCodeCommand => ({ type: 'ReleaseProductCode', organisationId, kind: 'barcode', code, productId });

describe('barcode and article claims', () => {
  it('gives a free code to the product that asks', () => {
    spec.given([]).when(claim(first, undefined, at)).then([claimed(first)]);
  });

  it('does nothing when the product holds it already', () => {
    spec.given([claimed(first)]).when(claim(first)).then([]);
  });

  it('refuses a code another product has, naming that product’s id', () => {
    const error = spec.given([claimed(first)]).when(claim(second, { productId: first, version: 1, hasCode: true })).thenThrows('RULE_VIOLATED');
    expect(error).toBeInstanceOf(ProductCodeTakenError);
    expect((error as ProductCodeTakenError).holderProductId).toBe(first);
    expect(error.errors).toEqual([{ path: 'barcodes', message: 'Штрихкод 4600000000008 уже есть у другого товара' }]);
  });

  it('names the holder in the refusal when its name is known', () => {
    expect(new ProductCodeTakenError('article', 'kap-300', first, 'Капучино').errors).toEqual([{ path: 'article', message: 'Артикул kap-300 уже есть у товара «Капучино»' }]);
  });

  it('refuses until the handler has said what the holder has', () => {
    spec.given([claimed(first)]).when(claim(second)).thenThrows('RULE_VIOLATED');
  });

  it('takes over a code whose holder has written since and no longer has it (edited away or deleted)', () => {
    spec
      .given([claimed(first)])
      .when(claim(second, { productId: first, version: 2, hasCode: false }))
      .then([claimed(second, aMomentLater)]);
  });

  it('does not take over a code whose holder may still be saving it', () => {
    spec.given([claimed(first)]).when(claim(second, { productId: first, version: 0, hasCode: false })).thenThrows('RULE_VIOLATED');
  });

  it('takes over a claim left by a write that never finished, once it has settled', () => {
    spec.given([claimed(first)]).when(claim(second, { productId: first, version: 0, hasCode: false }, afterSettling)).then([claimed(second, afterSettling)]);
  });

  it('does not take over on what it read of a product that no longer holds the code', () => {
    spec.given([claimed(first), released(first), claimed(second)]).when(claim(third, { productId: first, version: 9, hasCode: false })).thenThrows('RULE_VIOLATED');
  });

  it('releases a claim only for its holder', () => {
    spec.given([claimed(first)]).when(release(first)).then([released(first)]);
    spec.given([claimed(first)]).when(release(second)).then([]);
  });
});
