import { randomUUID } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Redis } from 'ioredis';
import { decodeJwt } from 'jose';
import { DomainError, IdentitySubjects, NotificationsSubjects, type AuthenticatedSession, type LoginResult, type SendSms, type TokenPair } from '@elk/contracts';
import { InfrastructureModule } from '@elk/service-kit';
import { TEST_REDIS_URL, infrastructureFixture, serveOnBus, withFakeHandler, type TestInfrastructure } from '@elk/testing';
import { IdentityModule } from '../src';

/** What the identity integration tests share: the service, started once per describe block, and helpers. */

export const JWT_SECRET = 'identity-test-secret-0123456789abcdef';

export class TestClock {
  private current = new Date();
  now = () => this.current;
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  /** Back to the real time, as a new clock would be. */
  reset(): void {
    this.current = new Date();
  }
}

export async function eventually<T>(find: () => T | undefined, timeoutMs = 3_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sessionIdOf = (tokens: TokenPair) => decodeJwt(tokens.accessToken).sid as string;

export interface IdentityTestbed {
  infrastructure: TestInfrastructure;
  clock: TestClock;
  /** Every SMS the fake notifications service accepted, in order. */
  sms: SendSms[];
  /** While true, the fake notifications service refuses every SMS (as when Twilio is down). */
  smsFails: boolean;
  request<R>(subject: string, data: unknown, headers?: Record<string, string>): Promise<R>;
  login(typed: string, password: string): Promise<LoginResult>;
  authenticate(tokens: TokenPair): Promise<AuthenticatedSession>;
  /** The code of the `index`-th password reset SMS sent to the phone. */
  resetCodeSentTo(phone: string, index?: number): Promise<string>;
}

/**
 * Registers the jest hooks that run the identity service (with a fake notifications service and a clock the test
 * moves) for the enclosing describe block, and returns what the tests reach it with. The service starts once: fresh
 * schemas and a fresh module per test cost ~100 ms of CPU a test in embedded mode, about as much as the test itself.
 * Tests keep apart by their data (an organisation and accounts of their own, unique phones); the clock, the SMS sent
 * and the SMS gateway's failure are reset before each test.
 */
export function identityTestbed(mode: 'embedded' | 'distributed', schemaPrefix: string): IdentityTestbed {
  const fixture = infrastructureFixture(mode, schemaPrefix);
  const redisKeyPrefix = `elk-test:identity:${randomUUID()}:`;
  let app: INestMicroservice | undefined;

  const testbed: IdentityTestbed = {
    infrastructure: undefined as unknown as TestInfrastructure,
    clock: new TestClock(),
    sms: [],
    smsFails: false,
    request: (subject, data, headers) => testbed.infrastructure.bus.request(subject, data, { headers }),
    login: (typed, password) => testbed.request(IdentitySubjects.Login, { login: typed, password }),
    authenticate: (tokens) => testbed.request(IdentitySubjects.AuthenticateSession, { sessionId: sessionIdOf(tokens) }),
    async resetCodeSentTo(phone, index = 0) {
      const message = await eventually(() => testbed.sms.filter((sent) => sent.to === phone && sent.purpose === 'password-reset')[index]);
      return /\d{6}/.exec(message.text)![0];
    },
  };

  beforeAll(async () => {
    await fixture.start();
    testbed.infrastructure = await fixture.open();
    const fakeNotifications = await withFakeHandler(testbed.infrastructure, NotificationsSubjects.SendSms, async (data) => {
      if (testbed.smsFails) throw new DomainError('SERVICE_UNAVAILABLE', 'SMS-шлюз недоступен');
      testbed.sms.push(data as SendSms);
      return { providerMessageId: randomUUID() };
    });
    const module = await Test.createTestingModule({
      imports: [
        InfrastructureModule.forRoot(fakeNotifications),
        IdentityModule.forRoot({ jwtSecret: JWT_SECRET, clock: testbed.clock, ...(mode === 'distributed' ? { redisUrl: TEST_REDIS_URL, redisKeyPrefix } : {}) }),
      ],
    }).compile();
    app = await serveOnBus(module, fakeNotifications.bus);
  }, 30_000);

  beforeEach(() => {
    testbed.clock.reset();
    testbed.sms = [];
    testbed.smsFails = false;
  });

  afterAll(async () => {
    await app?.close();
    await fixture.cleanup();
    await fixture.close();
    if (mode === 'distributed') {
      const redis = new Redis(TEST_REDIS_URL);
      const keys = await redis.keys(`${redisKeyPrefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
  });

  return testbed;
}
