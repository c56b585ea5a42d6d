import { isWeakPin, newPin } from './employee-pin';

describe('employee PIN-codes', () => {
  it.each(['0000', '7777', '1234', '6789', '9876', '3210'])('takes %s for weak', (pin) => {
    expect(isWeakPin(pin)).toBe(true);
  });

  it.each(['4821', '1235', '1212', '9870', '0987', '1122'])('takes %s for strong enough', (pin) => {
    expect(isWeakPin(pin)).toBe(false);
  });

  it('makes random 4-digit PIN-codes', async () => {
    const pins = await Promise.all(Array.from({ length: 100 }, () => newPin(async () => true)));

    for (const pin of pins) expect(pin).toMatch(/^\d{4}$/);
    expect(new Set(pins).size).toBeGreaterThan(80);
  });

  it('never makes a weak PIN-code, nor one refused', async () => {
    expect(await newPin(async (pin) => pin === '1234' || pin === '4821')).toBe('4821');
  });
});
