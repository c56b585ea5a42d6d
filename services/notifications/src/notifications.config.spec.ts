import { ConfigError } from '@elk/service-kit';
import { loadNotificationsConfig } from './notifications.config';

const TWILIO = { TWILIO_ACCOUNT_SID: `AC${'a1'.repeat(16)}`, TWILIO_AUTH_TOKEN: 'token', TWILIO_FROM: '+15005550006' };

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadNotificationsConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadNotificationsConfig', () => {
  it('defaults to the loopback NATS and PostgreSQL, no dev outbox flag and no Twilio', () => {
    expect(loadNotificationsConfig({})).toEqual({
      natsUrl: 'nats://127.0.0.1:4222',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/elk',
      devOutbox: false,
      twilio: null,
    });
  });

  it.each(['1', 'true', 'yes'])('reads ELK_DEV_OUTBOX=%s as on', (flag) => {
    expect(loadNotificationsConfig({ ELK_DEV_OUTBOX: flag }).devOutbox).toBe(true);
  });

  it('configures Twilio when all three variables are set', () => {
    expect(loadNotificationsConfig(TWILIO).twilio).toEqual({ accountSid: TWILIO.TWILIO_ACCOUNT_SID, authToken: 'token', from: '+15005550006' });
  });

  it('treats empty Twilio variables as unset', () => {
    expect(loadNotificationsConfig({ TWILIO_ACCOUNT_SID: '', TWILIO_AUTH_TOKEN: '', TWILIO_FROM: '' }).twilio).toBeNull();
  });

  it('refuses half a Twilio setup, naming each missing variable', () => {
    const error = configError({ TWILIO_ACCOUNT_SID: TWILIO.TWILIO_ACCOUNT_SID, TWILIO_FROM: '' });
    expect(error.problems).toEqual([
      expect.stringMatching(/^TWILIO_AUTH_TOKEN: Twilio настроен не полностью/),
      expect.stringMatching(/^TWILIO_FROM: Twilio настроен не полностью/),
    ]);
    expect(error.message).toContain('TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM');
  });

  it.each(['SK' + 'a1'.repeat(16), 'AC123'])('refuses the account SID %s', (sid) => {
    const error = configError({ ...TWILIO, TWILIO_ACCOUNT_SID: sid });
    expect(error.problems).toEqual([expect.stringMatching(/^TWILIO_ACCOUNT_SID: SID аккаунта Twilio начинается с AC/)]);
  });

  it('refuses an unknown ELK_DEV_OUTBOX value', () => {
    expect(configError({ ELK_DEV_OUTBOX: 'maybe' }).problems).toEqual([expect.stringMatching(/^ELK_DEV_OUTBOX: /)]);
  });
});
