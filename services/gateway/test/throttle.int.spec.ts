import { randomUUID } from 'node:crypto';
import { DomainError, IdentitySubjects, OrganisationSubjects } from '@elk/contracts';
import { TEST_REDIS_URL, uniquePhone } from '@elk/testing';
import Redis from 'ioredis';
import { PASSWORD, startGateway, validBodies, type Gateway } from './gateway.harness';

const WINDOW_SECONDS = 15 * 60;
const limits = {
  loginPerAccountAndIp: { points: 3, durationSeconds: WINDOW_SECONDS },
  loginPerAccount: { points: 6, durationSeconds: WINDOW_SECONDS },
  loginPerIp: { points: 8, durationSeconds: WINDOW_SECONDS },
  passwordResetPerPhoneAndIp: { points: 2, durationSeconds: 3600 },
  passwordResetPerPhone: { points: 4, durationSeconds: 3600 },
  passwordResetPerIp: { points: 6, durationSeconds: 3600 },
  signUpPerIp: { points: 3, durationSeconds: 3600 },
  takenLoginAnswersPerCaller: { points: 2, durationSeconds: 3600 },
};
const PHONE_TAKEN = 'Этот телефон уже зарегистрирован';

// Fresh addresses and accounts per test: counters in Redis outlive a run.
const newIp = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250) + 1).join('.')}`;

describe.each(['memory', 'redis'] as const)('attempt throttling (%s counters)', (store) => {
  let gateway: Gateway;
  let redis: Redis | undefined;

  beforeAll(async () => {
    redis = store === 'redis' ? new Redis(TEST_REDIS_URL, { lazyConnect: true }) : undefined;
    await redis?.connect();
    gateway = await startGateway({ throttle: limits, redis });
    await gateway.bus.serve(OrganisationSubjects.AddEmployee, async ({ data }) => {
      const { phone } = (data as { employee: { phone: string } }).employee;
      if ([...gateway.services.accounts.values()].some((account) => account.phone === phone)) throw new DomainError('PHONE_TAKEN', PHONE_TAKEN, [{ path: 'phone', message: PHONE_TAKEN }]);
      return null;
    });
    await gateway.bus.serve(IdentitySubjects.CheckInvitation, async () => {
      throw new DomainError('INVITATION_INVALID', 'Ссылка-приглашение недействительна', [{ path: 'token', message: 'Ссылка-приглашение недействительна' }]);
    });
  });
  afterAll(async () => {
    await gateway.close();
    await redis?.quit();
  });

  const post = (url: string, payload: object, ip: string, token?: string) =>
    gateway.app.inject({ method: 'POST', url, payload, remoteAddress: ip, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const login = (body: object, ip: string) => post('/api/v1/auth/login', body, ip);
  const guess = (login: string) => ({ login, password: `wrong-${randomUUID()}` });

  describe('log-in', () => {
    it('refuses the fourth try for one account from one address with 429, Retry-After and the minutes to wait', async () => {
      const account = gateway.services.addAccount();
      const ip = newIp();
      for (let attempt = 0; attempt < 3; attempt++) expect((await login(guess(account.phone), ip)).statusCode).toBe(401);
      gateway.services.calls.length = 0;

      const refused = await login({ login: account.phone, password: PASSWORD }, ip);

      expect(refused.statusCode).toBe(429);
      expect(refused.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(WINDOW_SECONDS - 60);
      expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
      expect(refused.json()).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS', detail: 'Слишком много попыток входа. Попробуйте через 15 мин.' });
      expect(gateway.services.callsTo(IdentitySubjects.Login)).toHaveLength(0);
    });

    it('lets the owner in from another address while a guesser stays locked out, however long the guesser keeps trying', async () => {
      const account = gateway.services.addAccount();
      const guesser = newIp();
      for (let attempt = 0; attempt < 10; attempt++) await login(guess(account.phone), guesser);
      expect((await login({ login: account.phone, password: PASSWORD }, guesser)).statusCode).toBe(429);

      expect((await login({ login: account.phone, password: PASSWORD }, newIp())).statusCode).toBe(200);
    });

    it('counts the phone and the email of one account together, however they are typed', async () => {
      const account = gateway.services.addAccount();
      const digits = account.phone.slice(2);
      const ip = newIp();
      await login(guess(`8 (${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6, 8)}-${digits.slice(8)}`), ip);
      await login(guess(` ${account.email.toUpperCase()} `), ip);
      await login(guess(`7${digits}`), ip);

      expect((await login({ login: account.email, password: PASSWORD }, ip)).statusCode).toBe(429);
    });

    it('stops guessing spread over many addresses once the account has spent its budget', async () => {
      const account = gateway.services.addAccount();
      for (const ip of [newIp(), newIp(), newIp()]) {
        for (let attempt = 0; attempt < 2; attempt++) expect((await login(guess(account.email), ip)).statusCode).toBe(401);
      }
      expect((await login({ login: account.phone, password: PASSWORD }, newIp())).statusCode).toBe(429);
    });

    it('clears the address count after a successful log-in', async () => {
      const account = gateway.services.addAccount();
      const ip = newIp();
      for (let round = 0; round < 2; round++) {
        expect((await login(guess(account.phone), ip)).statusCode).toBe(401);
        expect((await login(guess(account.phone), ip)).statusCode).toBe(401);
        expect((await login({ login: account.phone, password: PASSWORD }, ip)).statusCode).toBe(200);
      }
    });

    it('refuses an address that tries many accounts, and only that address', async () => {
      const ip = newIp();
      for (let attempt = 0; attempt < 8; attempt++) expect((await login(guess(`nobody-${randomUUID()}@example.ru`), ip)).statusCode).toBe(401);
      const account = gateway.services.addAccount();
      expect((await login({ login: account.phone, password: PASSWORD }, ip)).statusCode).toBe(429);
      expect((await login({ login: account.phone, password: PASSWORD }, newIp())).statusCode).toBe(200);
    });

    it('keeps the accounts of one merchant apart', async () => {
      const one = gateway.services.addAccount();
      const other = gateway.services.addAccount('admin', one.organisationId);
      const ip = newIp();
      for (let attempt = 0; attempt < 3; attempt++) await login(guess(one.phone), ip);
      expect((await login({ login: other.phone, password: PASSWORD }, ip)).statusCode).toBe(200);
    });
  });

  describe('changing the password of a signed-in account', () => {
    const change = (token: string, oldPassword: string, ip: string) =>
      post('/api/v1/me/password', { oldPassword, newPassword: 'NewSecret1', newPasswordRepeat: 'NewSecret1' }, ip, token);

    it('refuses the fourth wrong current password with 429, before identity checks it', async () => {
      const { token } = await gateway.services.signedIn();
      const ip = newIp();
      for (let attempt = 0; attempt < 3; attempt++) expect((await change(token, `wrong-${attempt}`, ip)).statusCode).toBe(400);
      gateway.services.calls.length = 0;

      const refused = await change(token, PASSWORD, ip);

      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS', detail: 'Слишком много попыток ввода пароля. Попробуйте через 15 мин.' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(WINDOW_SECONDS - 60);
      expect(gateway.services.callsTo(IdentitySubjects.ChangePassword)).toHaveLength(0);
    });

    it('shares the budget of the account log-ins, and the right password clears it', async () => {
      const { token, account } = await gateway.services.signedIn();
      const ip = newIp();
      await login(guess(account.phone), ip);
      await login(guess(account.email), ip);
      expect((await change(token, 'wrong', ip)).statusCode).toBe(400);
      expect((await change(token, PASSWORD, ip)).statusCode).toBe(429);

      const other = await gateway.services.signedIn();
      await change(other.token, 'wrong', ip);
      expect((await change(other.token, PASSWORD, ip)).statusCode).toBe(204);
      for (let attempt = 0; attempt < 3; attempt++) expect((await change(other.token, `wrong-${attempt}`, ip)).statusCode).toBe(400);
    });
  });

  describe('password reset', () => {
    const reset = (phone: string, ip: string) => post('/api/v1/auth/password-reset/request', { phone }, ip);

    it('refuses a third code for one phone from one address, not the owner asking from another', async () => {
      const { phone } = gateway.services.addAccount();
      const ip = newIp();
      expect((await reset(phone, ip)).statusCode).toBe(202);
      expect((await reset(phone, ip)).statusCode).toBe(202);
      const refused = await reset(phone, ip);
      expect(refused.statusCode).toBe(429);
      expect(refused.json().detail).toBe('Слишком много попыток восстановления пароля. Попробуйте через 60 мин.');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);

      expect((await reset(phone, newIp())).statusCode).toBe(202);
    });

    it('caps the codes sent to one phone from every address together', async () => {
      const { phone } = gateway.services.addAccount();
      for (let attempt = 0; attempt < 4; attempt++) expect((await reset(phone, newIp())).statusCode).toBe(202);
      expect((await reset(phone, newIp())).statusCode).toBe(429);
    });

    it('refuses an address that asks for many phones, its confirmations too', async () => {
      const ip = newIp();
      for (let attempt = 0; attempt < 6; attempt++) await reset(gateway.services.addAccount().phone, ip);
      expect((await reset(gateway.services.addAccount().phone, ip)).statusCode).toBe(429);
      const { phone } = gateway.services.addAccount();
      const confirm = await post('/api/v1/auth/password-reset/confirm', { phone, code: '123456', newPassword: 'Another1', newPasswordRepeat: 'Another1' }, ip);
      expect(confirm.statusCode).toBe(429);
    });
  });

  describe('invitation links', () => {
    it('counts links opened and used against the address’s password-reset budget, and only that address', async () => {
      const ip = newIp();
      const check = (from: string) => post('/api/v1/auth/invitation/check', { token: 'some-token' }, from);
      for (let attempt = 0; attempt < 6; attempt++) expect((await check(ip)).statusCode).toBe(400);

      const refused = await check(ip);
      expect([refused.statusCode, refused.json().detail]).toEqual([429, 'Слишком много попыток открыть приглашение. Попробуйте через 60 мин.']);
      const accept = await post('/api/v1/auth/invitation/accept', { token: 'some-token', newPassword: 'Another1', newPasswordRepeat: 'Another1' }, ip);
      expect(accept.statusCode).toBe(429);
      expect((await post('/api/v1/auth/password-reset/request', { phone: gateway.services.addAccount().phone }, ip)).statusCode).toBe(429);
      expect((await check(newIp())).statusCode).toBe(400);
    });
  });

  describe('sign-up', () => {
    const signUp = (ip: string) => post('/api/v1/auth/sign-up', validBodies(uniquePhone())['/api/v1/auth/sign-up'], ip);

    it('refuses the fourth sign-up from one address, not another address', async () => {
      const ip = newIp();
      for (let attempt = 0; attempt < 3; attempt++) expect((await signUp(ip)).statusCode).toBe(201);
      gateway.services.calls.length = 0;

      const refused = await signUp(ip);

      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS', detail: 'Слишком много регистраций с этого адреса. Попробуйте через 60 мин.' });
      expect(gateway.services.callsTo(OrganisationSubjects.SignUp)).toHaveLength(0);
      expect((await signUp(newIp())).statusCode).toBe(201);
    });
  });

  describe('answers that a phone or email is already registered', () => {
    it('turns the third such answer to one address into 429, telling nothing more', async () => {
      const ip = newIp();
      const taken = gateway.services.addAccount().phone;
      const signUp = () => post('/api/v1/auth/sign-up', validBodies(taken)['/api/v1/auth/sign-up'], ip);
      for (let attempt = 0; attempt < 2; attempt++) expect((await signUp()).json()).toMatchObject({ status: 409, code: 'PHONE_TAKEN', errors: [{ path: 'phone', message: PHONE_TAKEN }] });

      const refused = await signUp();

      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS', detail: 'Слишком много проверок занятых телефонов и email. Попробуйте через 60 мин.' });
      expect(refused.body).not.toContain(PHONE_TAKEN);
    });

    it('counts a signed-in account wherever it calls from, apart from other accounts', async () => {
      const taken = gateway.services.addAccount().phone;
      const addEmployee = (token: string) =>
        post('/api/v1/employees', { lastName: 'Сидоров', firstName: 'Пётр', phone: taken, role: 'cashier' }, newIp(), token);
      const { token } = await gateway.services.signedIn('admin');
      expect((await addEmployee(token)).statusCode).toBe(409);
      expect((await addEmployee(token)).statusCode).toBe(409);
      expect((await addEmployee(token)).statusCode).toBe(429);

      expect((await addEmployee((await gateway.services.signedIn('admin')).token)).statusCode).toBe(409);
    });
  });
});
