import { maskPhone } from './phone-mask.format';

describe('maskPhone', () => {
  it('keeps the country and operator code and the last four digits', () => {
    expect(maskPhone('+79123456789')).toBe('+7912***6789');
  });

  it('hides a number too short to mask partly', () => {
    expect(maskPhone('+1234567')).toBe('***');
  });
});
