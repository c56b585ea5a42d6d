import { startGateway, type Gateway } from './gateway.harness';

let gateway: Gateway;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

describe('health', () => {
  it('answers liveness at /api/health', async () => {
    const response = await gateway.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('is ready while the bus carries requests, and 503 once it does not', async () => {
    const ready = await gateway.app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });

    await gateway.bus.close();

    const notReady = await gateway.app.inject({ method: 'GET', url: '/api/ready' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(notReady.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', detail: expect.stringMatching(/[А-я]/) });
    expect((await gateway.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});
