import { randomBytes, randomUUID } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IdentitySubjects, OrganisationSubjects, actorHeaders, type AccountView, type DomainError, type Role, type SignUp } from '@elk/contracts';
import { InfrastructureModule, type Clock } from '@elk/service-kit';
import { infrastructureFixture, serveOnBus, uniquePhone, withFakeHandler, type TestInfrastructure } from '@elk/testing';
import { OrganisationModule, type SignUpResult } from '../src';

/** What the organisation integration tests share: the service on fresh infrastructure per test, a fake identity, and helpers. */

/** A sign-up of a fresh organisation, its Owner Иванов Иван Иванович. */
export function newSignUp(): SignUp {
  return {
    organisationId: randomUUID(),
    accountId: randomUUID(),
    organisationName: 'ООО «Ромашка»',
    fullName: 'Иванов Иван Иванович',
    phone: uniquePhone(),
    email: `ivan.${randomUUID().slice(0, 8)}@example.ru`,
    password: 'Пароль-надёжный-1',
  };
}

export const romashka = {
  type: 'ooo',
  name: 'ООО «Ромашка»',
  inn: '7707083893',
  kpp: '773601001',
  ogrn: '1027700132195',
  legalAddress: 'г. Москва, ул. Вавилова, д. 19',
  taxSystem: 'usn-income',
} as const;
export const ivanov = { type: 'ip', name: 'ИП Иванов', inn: '500100732259', ogrn: '304500116000157', legalAddress: 'г. Москва', taxSystem: 'usn-income' } as const;

/** How the fake identity answers a subject. */
export type IdentityAnswers = Record<string, (data: any) => unknown>;

/** Unless a test says otherwise, every account identity is asked about is Иванов Иван Иванович, an Owner. */
const ownerLookup: IdentityAnswers = {
  [IdentitySubjects.GetAccount]: (data: { accountId: string }) =>
    ({ accountId: data.accountId, organisationId: randomUUID(), fullName: 'Иванов Иван Иванович', phone: '+79123456789', email: 'ivan@example.ru', role: 'owner' }) satisfies AccountView,
};

export interface Actor {
  organisationId: string;
  accountId: string;
  role: Role;
  /** A request to the organisation service in the actor's name. */
  request<R>(subject: string, data: unknown): Promise<R>;
}

export interface OrganisationTestbed {
  infrastructure: TestInfrastructure;
  /** What the fake identity was asked to do, in order: every request but the account look-ups. */
  identityAsked: Array<{ subject: string; data: any }>;
  /** While set, the fake identity refuses every request with it. */
  identityRefuses: DomainError | null;
  /** (Re)starts the service; with `identity: false` nothing answers identity's subjects. */
  start(options?: { identity?: boolean }): Promise<void>;
  /** Someone in an organisation (fresh ids and an Owner unless given). */
  actor(who?: Partial<Omit<Actor, 'request'>>): Actor;
  /** Signs an organisation up, as the public sign-up does (no actor). */
  signUp(command: SignUp): Promise<SignUpResult>;
}

/**
 * Registers the jest hooks that run the organisation service with a fake identity answering `identity` (account
 * look-ups answered by default): once for the enclosing describe block, its tests keeping apart by organisations of
 * their own (a fresh module and schemas per test cost about as much CPU as the test); or, with `startEachTest: false`,
 * on fresh infrastructure for each test, which starts (and restarts) the service itself.
 */
export function organisationTestbed(
  mode: 'embedded' | 'distributed',
  schemaPrefix: string,
  options: { identity?: IdentityAnswers; clock?: Clock; startEachTest?: boolean } = {},
): OrganisationTestbed {
  const fixture = infrastructureFixture(mode, schemaPrefix);
  const answers = { ...ownerLookup, ...options.identity };
  let app: INestMicroservice | undefined;

  const testbed: OrganisationTestbed = {
    infrastructure: undefined as unknown as TestInfrastructure,
    identityAsked: [],
    identityRefuses: null,
    async start({ identity = true } = {}) {
      await app?.close();
      let withIdentity = testbed.infrastructure;
      for (const [subject, answer] of identity ? Object.entries(answers) : []) {
        withIdentity = await withFakeHandler(withIdentity, subject, async (data) => {
          if (subject !== IdentitySubjects.GetAccount) testbed.identityAsked.push({ subject, data });
          if (testbed.identityRefuses) throw testbed.identityRefuses;
          return answer(data);
        });
      }
      const module = await Test.createTestingModule({
        imports: [InfrastructureModule.forRoot(withIdentity), OrganisationModule.forRoot({ clock: options.clock, secretsKey: randomBytes(32) })],
      }).compile();
      app = await serveOnBus(module, withIdentity.bus);
    },
    actor({ organisationId = randomUUID(), accountId = randomUUID(), role = 'owner' } = {}) {
      const headers = actorHeaders({ organisationId, accountId, role }, randomUUID());
      return { organisationId, accountId, role, request: (subject, data) => testbed.infrastructure.bus.request(subject, data, { headers }) };
    },
    signUp: (command) => testbed.infrastructure.bus.request(OrganisationSubjects.SignUp, command),
  };

  const startsItself = options.startEachTest === false;
  async function open(): Promise<void> {
    testbed.infrastructure = await fixture.open();
  }
  async function close(): Promise<void> {
    await app?.close();
    app = undefined;
    await fixture.cleanup();
  }

  beforeAll(async () => {
    await fixture.start();
    if (startsItself) return;
    await open();
    await testbed.start();
  }, 30_000);

  beforeEach(async () => {
    if (startsItself) await open();
    testbed.identityAsked = [];
    testbed.identityRefuses = null;
  });

  if (startsItself) afterEach(close);

  afterAll(async () => {
    if (!startsItself) await close();
    await fixture.close();
  });

  return testbed;
}
