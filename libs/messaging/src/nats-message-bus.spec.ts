import { requestTimeoutFromEnv } from './nats-message-bus';

describe('ELK_REQUEST_TIMEOUT_MS', () => {
  it('leaves the default in place when unset or empty', () => {
    expect(requestTimeoutFromEnv({})).toBeUndefined();
    expect(requestTimeoutFromEnv({ ELK_REQUEST_TIMEOUT_MS: '' })).toBeUndefined();
  });

  it('reads whole milliseconds', () => {
    expect(requestTimeoutFromEnv({ ELK_REQUEST_TIMEOUT_MS: '20000' })).toBe(20_000);
  });

  it('refuses what is not a whole number of milliseconds above 0, naming the variable', () => {
    for (const value of ['0', '-5', '2.5', '20s']) expect(() => requestTimeoutFromEnv({ ELK_REQUEST_TIMEOUT_MS: value })).toThrow(/ELK_REQUEST_TIMEOUT_MS/);
  });
});
