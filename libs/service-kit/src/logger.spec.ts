import { createLogger, type LogOutput } from './logger';

/** An output that keeps what was written, a terminal or not. */
function capture(isTTY: boolean): LogOutput & { text(): string } {
  let written = '';
  return { isTTY, write: (line: string) => (written += line), text: () => written };
}

describe('createLogger', () => {
  it('writes one JSON object per line when stdout is not a terminal (a container, a pipe, a file)', () => {
    const output = capture(false);
    createLogger('gateway', 'info', output).info({ orderId: 42 }, 'order accepted');
    const line = JSON.parse(output.text());
    expect(line).toMatchObject({ level: 30, service: 'gateway', msg: 'order accepted', orderId: 42 });
  });

  it('writes a readable line on a terminal, at once, secrets still redacted', () => {
    const output = capture(true);
    createLogger('gateway', 'info', output).warn({ orderId: 42, password: 'hunter2' }, 'order accepted');
    const text = output.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(text.split('\n').filter(Boolean)).toHaveLength(1);
    expect(text).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] .*WARN.* \(gateway\): .*order accepted/);
    expect(text).toContain('"orderId":42');
    expect(text).not.toContain('hunter2');
  });
});
