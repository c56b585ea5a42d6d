import { formatDevOutboxLine } from './dev-outbox-line.format';

describe('formatDevOutboxLine', () => {
  it('is marked as the dev outbox and shows the recipient and the whole text', () => {
    const line = formatDevOutboxLine({ to: '+79123456789', text: 'Код для входа: 123456' });
    expect(line).toMatch(/^\[DEV OUTBOX\] /);
    expect(line).toContain('+79123456789');
    expect(line).toContain('«Код для входа: 123456»');
  });
});
