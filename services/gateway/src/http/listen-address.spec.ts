import type { Logger } from '@elk/service-kit';
import { warnWhenDevOutboxIsExposed } from './listen-address';

function warningsFor(host: string, devOutbox: boolean): unknown[] {
  const warnings: unknown[] = [];
  warnWhenDevOutboxIsExposed({ warn: (...args: unknown[]) => warnings.push(args) } as unknown as Logger, host, devOutbox);
  return warnings;
}

describe('warnWhenDevOutboxIsExposed', () => {
  it.each(['127.0.0.1', '127.0.0.2', '::1', 'localhost'])('says nothing for the loopback address %s', (host) => {
    expect(warningsFor(host, true)).toEqual([]);
  });

  it.each(['0.0.0.0', '::', '192.168.1.5', '10.0.0.1', 'elk.example.ru'])('warns when the dev outbox listens on %s', (host) => {
    expect(warningsFor(host, true)).toEqual([[{ host }, expect.stringContaining('take over any account')]]);
  });

  it('says nothing without the dev outbox', () => {
    expect(warningsFor('0.0.0.0', false)).toEqual([]);
  });
});
