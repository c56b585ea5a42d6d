import { LEGACY_VAT_RATES, VAT_RATE_CODES, VAT_RATES } from './product-fiscal-codes';

describe('tag 1199 (ставка НДС) values', () => {
  it('gives 22% and 22/122 the values the ФНС added for them (11, 12), leaving 1 and 3 to 20% and 20/120', () => {
    expect(VAT_RATE_CODES.vat22.tag1199).toBe(11);
    expect(VAT_RATE_CODES['vat22/122'].tag1199).toBe(12);
    expect(VAT_RATE_CODES.vat20.tag1199).toBe(1);
    expect(VAT_RATE_CODES['vat20/120'].tag1199).toBe(3);
  });

  it('never gives two rates the same value, so a receipt cannot print another rate than the product has', () => {
    const values = Object.values(VAT_RATE_CODES).map((rate) => rate.tag1199);
    expect(new Set(values).size).toBe(values.length);
  });

  it('offers for products only the rates in force, each once', () => {
    expect(VAT_RATES.filter((rate) => (LEGACY_VAT_RATES as readonly string[]).includes(rate))).toEqual([]);
    expect(new Set(VAT_RATES).size).toBe(VAT_RATES.length);
  });
});
