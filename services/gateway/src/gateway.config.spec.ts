import { ConfigError } from '@elk/service-kit';
import { loadGatewayConfig } from './gateway.config';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';

describe('gateway configuration', () => {
  it('has defaults for everything but the JWT secret', () => {
    expect(loadGatewayConfig({ JWT_SECRET: SECRET })).toEqual({
      port: 3000,
      host: '0.0.0.0',
      natsUrl: 'nats://127.0.0.1:4222',
      redisUrl: null,
      jwtSecret: SECRET,
      webDist: null,
      devOutbox: false,
      trustProxy: false,
      cabinetUrl: null,
      throttle: {
        loginPerAccountAndIp: { points: 10, durationSeconds: 900 },
        loginPerAccount: { points: 100, durationSeconds: 900 },
        loginPerIp: { points: 50, durationSeconds: 900 },
        passwordResetPerPhoneAndIp: { points: 5, durationSeconds: 3600 },
        passwordResetPerPhone: { points: 20, durationSeconds: 3600 },
        passwordResetPerIp: { points: 20, durationSeconds: 3600 },
        invitationsPerEmployee: { points: 5, durationSeconds: 3600 },
        signUpPerIp: { points: 10, durationSeconds: 3600 },
        takenLoginAnswersPerCaller: { points: 20, durationSeconds: 3600 },
        activationPerIp: { points: 20, durationSeconds: 3600 },
        pinPerDevice: { points: 30, durationSeconds: 3600 },
      },
    });
  });

  it('reads every variable', () => {
    const config = loadGatewayConfig({
      JWT_SECRET: SECRET,
      PORT: '8080',
      HOST: '10.1.2.3',
      NATS_URL: 'nats://nats:4222',
      REDIS_URL: 'redis://redis:6379',
      WEB_DIST: '/srv/web',
      ELK_DEV_OUTBOX: '1',
      TRUST_PROXY: '10.0.0.0/8,127.0.0.1',
      LOGIN_LIMIT_PER_ACCOUNT_AND_IP: '5',
      LOGIN_LIMIT_PER_ACCOUNT: '60',
      LOGIN_LIMIT_PER_IP: '100',
      LOGIN_LIMIT_WINDOW_MIN: '30',
      PASSWORD_RESET_LIMIT_PER_PHONE_AND_IP: '2',
      PASSWORD_RESET_LIMIT_PER_PHONE: '3',
      PASSWORD_RESET_LIMIT_PER_IP: '10',
      PASSWORD_RESET_LIMIT_WINDOW_MIN: '120',
      INVITATION_LIMIT_PER_EMPLOYEE: '3',
      INVITATION_LIMIT_WINDOW_MIN: '60',
      CABINET_URL: 'https://elk.example.ru',
      SIGN_UP_LIMIT_PER_IP: '4',
      SIGN_UP_LIMIT_WINDOW_MIN: '30',
      TAKEN_LOGIN_LIMIT_PER_CALLER: '7',
      TAKEN_LOGIN_LIMIT_WINDOW_MIN: '240',
      ACTIVATION_LIMIT_PER_IP: '12',
      ACTIVATION_LIMIT_WINDOW_MIN: '90',
      PIN_LIMIT_PER_DEVICE: '8',
      PIN_LIMIT_WINDOW_MIN: '15',
    });
    expect(config).toMatchObject({ port: 8080, host: '10.1.2.3', natsUrl: 'nats://nats:4222', redisUrl: 'redis://redis:6379', webDist: '/srv/web', devOutbox: true, trustProxy: '10.0.0.0/8,127.0.0.1', cabinetUrl: 'https://elk.example.ru' });
    expect(config.throttle).toEqual({
      loginPerAccountAndIp: { points: 5, durationSeconds: 1800 },
      loginPerAccount: { points: 60, durationSeconds: 1800 },
      loginPerIp: { points: 100, durationSeconds: 1800 },
      passwordResetPerPhoneAndIp: { points: 2, durationSeconds: 7200 },
      passwordResetPerPhone: { points: 3, durationSeconds: 7200 },
      passwordResetPerIp: { points: 10, durationSeconds: 7200 },
      invitationsPerEmployee: { points: 3, durationSeconds: 3600 },
      signUpPerIp: { points: 4, durationSeconds: 1800 },
      takenLoginAnswersPerCaller: { points: 7, durationSeconds: 14400 },
      activationPerIp: { points: 12, durationSeconds: 5400 },
      pinPerDevice: { points: 8, durationSeconds: 900 },
    });
  });

  it.each([
    ['true', true],
    ['false', false],
    ['', false],
  ])('reads TRUST_PROXY=%s', (value, expected) => {
    expect(loadGatewayConfig({ JWT_SECRET: SECRET, TRUST_PROXY: value }).trustProxy).toBe(expected);
  });

  it('refuses a hop count as TRUST_PROXY: Fastify would trust no proxy at all with it', () => {
    expect(() => loadGatewayConfig({ JWT_SECRET: SECRET, TRUST_PROXY: '2' })).toThrow(/TRUST_PROXY: адреса или подсети доверенных прокси/);
  });

  it('names every bad variable at once', () => {
    const error = (() => {
      try {
        loadGatewayConfig({ JWT_SECRET: 'short', PORT: 'eighty', LOGIN_LIMIT_PER_IP: '0' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((problem) => problem.split(':')[0])).toEqual(['PORT', 'JWT_SECRET', 'LOGIN_LIMIT_PER_IP']);
  });

  it('refuses to start without a JWT secret', () => {
    expect(() => loadGatewayConfig({})).toThrow(/JWT_SECRET/);
  });

  it('refuses to start with the example JWT secret of k8s/config.yaml', () => {
    expect(() => loadGatewayConfig({ JWT_SECRET: 'change-me-to-at-least-32-random-characters' })).toThrow(/JWT_SECRET: это образец/);
  });
});
