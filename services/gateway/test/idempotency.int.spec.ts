import { randomUUID } from 'node:crypto';
import { IdentitySubjects, OrganisationSubjects } from '@elk/contracts';
import Redis from 'ioredis';
import { startGateway, validBodies, type Gateway } from './gateway.harness';
import { TEST_REDIS_URL, uniquePhone } from '@elk/testing';


describe.each(['memory', 'redis'] as const)('Idempotency-Key on sign-up (%s store)', (store) => {
  let gateway: Gateway;
  let redis: Redis | undefined;

  beforeAll(async () => {
    redis = store === 'redis' ? new Redis(TEST_REDIS_URL, { lazyConnect: true }) : undefined;
    await redis?.connect();
    gateway = await startGateway({ redis });
  });
  afterAll(async () => {
    await gateway.close();
    await redis?.quit();
  });
  beforeEach(() => {
    gateway.services.calls.length = 0;
  });

  const signUp = (body: object, key?: string) =>
    gateway.app.inject({ method: 'POST', url: '/api/v1/auth/sign-up', payload: body, headers: key === undefined ? {} : { 'idempotency-key': key } });

  it('replays the first sign-up for the same key and body, creating nothing twice and storing no tokens', async () => {
    const body = validBodies(uniquePhone())['/api/v1/auth/sign-up'];
    const key = randomUUID();
    const first = await signUp(body, key);
    const again = await signUp(body, key);

    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    const ids = ({ organisationId, accountId }: { organisationId: string; accountId: string }) => ({ organisationId, accountId });
    expect(ids(again.json())).toEqual(ids(first.json()));
    expect(again.json().accessToken).toEqual(expect.any(String));
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(gateway.services.callsTo(OrganisationSubjects.SignUp)).toHaveLength(1);
    // The replay logs in afresh: tokens are never kept with the idempotency key.
    expect(gateway.services.callsTo(IdentitySubjects.Login)).toHaveLength(2);
  });

  it('counts the same body spelled differently as the same request', async () => {
    const phone = uniquePhone();
    const key = randomUUID();
    const body = validBodies(phone)['/api/v1/auth/sign-up'];
    const first = await signUp(body, key);
    const again = await signUp({ ...body, phone: `8${phone.slice(2)}`, email: body.email.toUpperCase() }, key);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().organisationId).toBe(first.json().organisationId);
  });

  it('refuses the same key with another body: 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const key = randomUUID();
    expect((await signUp(validBodies(uniquePhone())['/api/v1/auth/sign-up'], key)).statusCode).toBe(201);
    const reused = await signUp(validBodies(uniquePhone())['/api/v1/auth/sign-up'], key);
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED', detail: expect.stringMatching(/[А-я]/) });
  });

  it('retries an attempt that did not finish under the ids it began with', async () => {
    const body = validBodies(uniquePhone())['/api/v1/auth/sign-up'];
    const key = randomUUID();
    gateway.services.override(OrganisationSubjects.SignUp, () => new Promise((resolve) => setTimeout(resolve, 1_000)));
    expect((await signUp(body, key)).statusCode).toBe(503);
    gateway.services.restore(OrganisationSubjects.SignUp);

    const retried = await signUp(body, key);

    expect(retried.statusCode).toBe(201);
    const [firstIds, retryIds] = gateway.services.callsTo(OrganisationSubjects.SignUp).map(({ data }) => [data.organisationId, data.accountId]);
    expect(retryIds).toEqual(firstIds);
    expect(retried.json()).toMatchObject({ organisationId: firstIds?.[0], accountId: firstIds?.[1] });
  });

  it('without a key, a second identical sign-up is a new attempt', async () => {
    const body = validBodies(uniquePhone())['/api/v1/auth/sign-up'];
    expect((await signUp(body)).statusCode).toBe(201);
    expect((await signUp(body)).statusCode).toBe(409);
  });

  it.each([
    ['with spaces', 'my key'],
    ['too long', 'k'.repeat(256)],
    ['empty', ''],
  ])('refuses a key %s with a 400 naming the header', async (_, key) => {
    const response = await signUp(validBodies(uniquePhone())['/api/v1/auth/sign-up'], key);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ path: 'idempotency-key', message: expect.stringMatching(/[А-я]/) }]);
  });
});
