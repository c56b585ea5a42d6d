import { startTelemetry, type Telemetry } from '@elk/telemetry';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { PASSWORD, startGateway, type Gateway } from './gateway.harness';

let telemetry: Telemetry;
let gateway: Gateway;
const exporter = new InMemorySpanExporter();

beforeAll(async () => {
  telemetry = startTelemetry({ serviceName: 'elk-gateway-test', exporter });
  gateway = await startGateway();
});
afterAll(async () => {
  await gateway.close();
  await telemetry.shutdown();
});
beforeEach(() => {
  gateway.logs.length = 0;
});

const requestLines = () => gateway.logs.filter((line) => line.msg === 'request');

describe('request logs', () => {
  it('write one JSON line per request: method, route, status, duration and trace id', async () => {
    const { token, account } = await gateway.services.signedIn();
    await gateway.app.inject({ method: 'GET', url: `/api/v1/me?account=${account.accountId}`, headers: { authorization: `Bearer ${token}` } });
    await telemetry.forceFlush();

    const [line] = requestLines();
    expect(requestLines()).toHaveLength(1);
    expect(line).toMatchObject({ level: 30, method: 'GET', route: '/api/v1/me', status: 200, durationMs: expect.any(Number), traceId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const server = exporter.getFinishedSpans().find((span) => span.name === 'GET /api/v1/me');
    expect(line?.traceId).toBe(server?.spanContext().traceId);
    // The route, not the URL: query strings and ids stay out.
    expect(JSON.stringify(line)).not.toContain(account.accountId);
  });

  it('never write a body, a password or the Authorization header', async () => {
    const { token, account } = await gateway.services.signedIn();
    await gateway.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: account.phone, password: PASSWORD } });
    await gateway.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: account.phone, password: 'WrongPassword1' } });
    await gateway.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: { authorization: `Bearer ${token}` }, payload: { oldPassword: PASSWORD, newPassword: 'x' } });
    await gateway.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: '{"password": "LeakedMaybe1"', headers: { 'content-type': 'application/json' } });

    const written = JSON.stringify(gateway.logs);
    expect(requestLines().map((line) => line.status)).toEqual([200, 401, 400, 400]);
    for (const secret of [PASSWORD, 'WrongPassword1', 'LeakedMaybe1', token, account.phone, 'Bearer']) expect(written).not.toContain(secret);
  });

  it('log unmatched routes without their URL', async () => {
    await gateway.app.inject({ method: 'GET', url: '/api/v1/secret-looking-path' });
    expect(requestLines()[0]).toMatchObject({ method: 'GET', status: 404 });
    expect(JSON.stringify(gateway.logs)).not.toContain('secret-looking-path');
  });
});
