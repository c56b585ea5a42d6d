import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTelemetry } from './telemetry';
import { injectTraceHeaders, traceFields, withSpan } from './trace-context';

/** How ELK's processes load its TypeScript (scripts/run/register-typescript.cjs). */
const REGISTER_TYPESCRIPT = resolve(__dirname, '../../../scripts/run/register-typescript.cjs');

describe('startTelemetry', () => {
  it('traces nothing and injects nothing before it is started', async () => {
    await withSpan('untraced', SpanKind.INTERNAL, () => {
      expect(traceFields()).toEqual({});
      expect(injectTraceHeaders({})).toEqual({});
    });
  });

  it('exports spans with the service name to an injected exporter', async () => {
    const exporter = new InMemorySpanExporter();
    const telemetry = startTelemetry({ serviceName: 'elk-test', exporter });
    try {
      await withSpan('work', SpanKind.INTERNAL, () => undefined);
      telemetry.tracer.startSpan('direct').end();
      await telemetry.forceFlush();

      const spans = exporter.getFinishedSpans();
      expect(spans.map((span) => span.name)).toEqual(['work', 'direct']);
      expect(spans[0]?.resource.attributes['service.name']).toBe('elk-test');
    } finally {
      await telemetry.shutdown();
    }
  });

  it('records no span when exporting nowhere, yet gives each trace ids that log lines and headers carry', async () => {
    const telemetry = startTelemetry({ serviceName: 'elk-unexported' });
    try {
      await withSpan('outer', SpanKind.SERVER, async (outer) => {
        expect(outer.isRecording()).toBe(false);
        const { traceId } = traceFields();
        expect(traceId).toMatch(/^[0-9a-f]{32}$/);
        expect(injectTraceHeaders({}).traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-00$`));
        await withSpan('inner', SpanKind.CLIENT, () => expect(traceFields().traceId).toBe(traceId));
      });
    } finally {
      await telemetry.shutdown();
    }
  });

  it('keeps one provider per process: a second start shares it until the last handle shuts down', async () => {
    const first = new InMemorySpanExporter();
    const second = new InMemorySpanExporter();
    const embedded = startTelemetry({ serviceName: 'elk-embedded', exporter: first });
    const service = startTelemetry({ serviceName: 'catalog', exporter: second });
    expect(service.serviceName).toBe('elk-embedded');

    await service.shutdown();
    await service.shutdown(); // a handle releases once
    await withSpan('still traced', SpanKind.INTERNAL, () => expect(traceFields().traceId).toBeDefined());
    await embedded.forceFlush();
    expect(first.getFinishedSpans().map((span) => span.name)).toEqual(['still traced']);
    expect(second.getFinishedSpans()).toEqual([]);

    await embedded.shutdown();
    await withSpan('after shutdown', SpanKind.INTERNAL, () => expect(traceFields()).toEqual({}));
  });

  it('can start again after a full shutdown', async () => {
    const exporter = new InMemorySpanExporter();
    const telemetry = startTelemetry({ serviceName: 'restarted', exporter });
    await withSpan('again', SpanKind.INTERNAL, () => undefined);
    await telemetry.forceFlush();
    expect(exporter.getFinishedSpans()[0]?.resource.attributes['service.name']).toBe('restarted');
    await telemetry.shutdown();
  });

  // The OTLP exporter loads `http` with a dynamic import(), which Jest's VM refuses: export from a child Node process.
  describe('with an OTLP endpoint', () => {
    let server: Server;
    let endpoint: string;
    let received: Array<{ url?: string; body: string }> = [];

    beforeAll(async () => {
      server = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          received.push({ url: request.url, body: Buffer.concat(chunks).toString('latin1') });
          response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    beforeEach(() => {
      received = [];
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    function traceInChildProcess(options: string, env: NodeJS.ProcessEnv): Promise<number | null> {
      const script = `
        const { startTelemetry, withSpan, SpanKind } = require(${JSON.stringify(require.resolve('./index.ts'))});
        (async () => {
          const telemetry = startTelemetry(${options});
          await withSpan('exported-span', SpanKind.SERVER, () => undefined);
          await telemetry.shutdown();
        })();`;
      const child = spawn(process.execPath, ['-r', REGISTER_TYPESCRIPT, '-e', script], { env: { ...process.env, ...env }, stdio: 'inherit' });
      return new Promise((resolve) => child.on('exit', resolve));
    }

    it('posts spans to <otlpEndpoint>/v1/traces', async () => {
      await expect(traceInChildProcess(`{ serviceName: 'elk-otlp', otlpEndpoint: ${JSON.stringify(`${endpoint}/`)} }`, {})).resolves.toBe(0);
      expect(received.map((request) => request.url)).toEqual(['/v1/traces']);
      expect(received[0]?.body).toContain('exported-span');
      expect(received[0]?.body).toContain('elk-otlp');
    }, 15_000);

    it('reads the endpoint from OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
      await expect(traceInChildProcess(`{ serviceName: 'elk-otlp-env' }`, { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint })).resolves.toBe(0);
      expect(received.map((request) => request.url)).toEqual(['/v1/traces']);
      expect(received[0]?.body).toContain('elk-otlp-env');
    }, 15_000);
  });
});
