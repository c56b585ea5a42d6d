import { IdentitySubjects, OrganisationSubjects } from '@elk/contracts';
import { startTelemetry, type Telemetry } from '@elk/telemetry';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { refreshSession, startGateway, type Gateway } from './gateway.harness';

const exporter = new InMemorySpanExporter();
let telemetry: Telemetry;
let gateway: Gateway;

beforeAll(async () => {
  telemetry = startTelemetry({ serviceName: 'elk-gateway-test', exporter });
  gateway = await startGateway();
});
afterAll(async () => {
  await gateway.close();
  await telemetry.shutdown();
});
beforeEach(() => exporter.reset());

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe('tracing', () => {
  it('spans the HTTP request and the handlers it reaches through the bus with one trace', async () => {
    const { token } = await gateway.services.signedIn();
    gateway.services.calls.length = 0;

    const response = await gateway.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
    await telemetry.forceFlush();

    const spans = exporter.getFinishedSpans();
    const server = spans.find((span) => span.kind === SpanKind.SERVER && span.name === 'GET /api/v1/me');
    expect(server).toBeDefined();
    const traceId = server!.spanContext().traceId;
    expect(server!.attributes['http.response.status_code']).toBe(200);

    for (const subject of [IdentitySubjects.AuthenticateSession, IdentitySubjects.GetAccount, OrganisationSubjects.GetOrganisation]) {
      const handler = spans.find((span) => span.kind === SpanKind.SERVER && span.name === `process ${subject}`);
      const client = spans.find((span) => span.kind === SpanKind.CLIENT && span.name === `request ${subject}`);
      expect(handler?.spanContext().traceId).toBe(traceId);
      expect(client?.spanContext().traceId).toBe(traceId);
      expect(parentOf(handler!)).toBe(client!.spanContext().spanId);
      expect(parentOf(client!)).toBe(server!.spanContext().spanId);
    }
    // The fake services got the trace in the headers, as a service in another process would.
    for (const call of gateway.services.calls) expect(call.headers.traceparent).toContain(traceId);
  });

  it('continues the trace of a caller that sends traceparent', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await gateway.app.inject({ method: 'GET', url: '/api/health', headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
    await telemetry.forceFlush();
    const server = exporter.getFinishedSpans().find((span) => span.name === 'GET /api/health');
    expect(server?.spanContext().traceId).toBe(traceId);
  });

  it('traces a request whose body was parsed before the handler ran', async () => {
    const account = gateway.services.addAccount();
    const response = await gateway.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: account.phone, password: account.password } });
    expect(response.statusCode).toBe(200);
    await telemetry.forceFlush();
    const spans = exporter.getFinishedSpans();
    const server = spans.find((span) => span.name === 'POST /api/v1/auth/login');
    const handler = spans.find((span) => span.name === `process ${IdentitySubjects.Login}`);
    expect(handler?.spanContext().traceId).toBe(server?.spanContext().traceId);
  });

  it('marks a failed request on its span and logs it with the trace id', async () => {
    const account = gateway.services.addAccount();
    // identity answers with something that breaks the contract: a failure on our side.
    gateway.services.override(IdentitySubjects.RefreshSession, () => ({ unexpected: true }));
    gateway.logs.length = 0;
    const response = await refreshSession(gateway.app, account.accountId);
    expect(response.statusCode).toBe(500);
    await telemetry.forceFlush();
    const server = exporter.getFinishedSpans().find((span) => span.name === 'POST /api/v1/auth/refresh');
    expect(server?.status.code).toBe(2);
    const failure = gateway.logs.find((line) => line.msg === 'request failed');
    expect(failure).toMatchObject({ traceId: server?.spanContext().traceId, route: '/api/v1/auth/refresh' });
  });
});
