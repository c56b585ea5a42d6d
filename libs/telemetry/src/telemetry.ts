import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import {
  AlwaysOffSampler,
  BatchSpanProcessor,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';

export interface TelemetryOptions {
  /** `service.name` of every span; embedded mode uses one name (e.g. `elk-embedded`) for all services. */
  serviceName: string;
  /** OTLP/HTTP base URL (e.g. `http://collector:4318`); spans go to `<url>/v1/traces`. Defaults to `OTEL_EXPORTER_OTLP_ENDPOINT`. */
  otlpEndpoint?: string;
  /** Exporter used instead of OTLP (e.g. `InMemorySpanExporter` in tests); it gets each span as it ends. */
  exporter?: SpanExporter;
}

export interface Telemetry {
  tracer: Tracer;
  /** The service name of the running provider (the first caller's). */
  serviceName: string;
  /** Exports the spans ended so far. */
  forceFlush(): Promise<void>;
  /** Releases this handle; the last release flushes and stops the provider. */
  shutdown(): Promise<void>;
}

interface RunningProvider {
  provider: NodeTracerProvider;
  serviceName: string;
  holders: number;
}

let running: RunningProvider | undefined;

/**
 * Sets up tracing for the process: a NodeTracerProvider registered globally with W3C trace-context and
 * baggage propagation and an AsyncLocalStorage context manager. Spans are exported to OTLP/HTTP when an
 * endpoint is configured, to `exporter` when one is given, and otherwise not even recorded (ids and propagation
 * still work, so log lines and downstream services see the trace).
 *
 * One provider per process: embedded mode starts every service in one process, so later calls get a
 * handle on the running provider and their options are ignored. Each handle must be shut down; the
 * provider stops with the last one.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  running ??= { provider: createProvider(options), serviceName: options.serviceName, holders: 0 };
  const current = running;
  current.holders += 1;

  let released = false;
  return {
    tracer: trace.getTracer(current.serviceName),
    serviceName: current.serviceName,
    forceFlush: () => current.provider.forceFlush(),
    shutdown: async () => {
      if (released) return;
      released = true;
      current.holders -= 1;
      if (current.holders > 0) return;
      if (running === current) running = undefined;
      await current.provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

function createProvider(options: TelemetryOptions): NodeTracerProvider {
  const processors = spanProcessors(options);
  const provider = new NodeTracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName })),
    spanProcessors: processors,
    // Exporting nowhere, a span would be recorded (attributes, events, timings) only to be dropped: a terminal's push
    // cost a dozen of them. Unrecorded spans still get ids, so log lines and the services a request reaches share its
    // trace id; `traceparent` then says "not sampled", and a service downstream records none either (ParentBased), so
    // every service of a deployment exports, or none does.
    ...(processors.length === 0 ? { sampler: new AlwaysOffSampler() } : {}),
  });
  // Defaults of register(): AsyncLocalStorageContextManager and W3C trace-context + baggage propagators.
  provider.register();
  return provider;
}

function spanProcessors(options: TelemetryOptions): SpanProcessor[] {
  if (options.exporter) return [new SimpleSpanProcessor(options.exporter)];
  if (options.otlpEndpoint) {
    return [new BatchSpanProcessor(new OtlpExporterOnDemand(`${options.otlpEndpoint.replace(/\/+$/, '')}/v1/traces`))];
  }
  // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) itself.
  if (process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] || process.env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']) {
    return [new BatchSpanProcessor(new OtlpExporterOnDemand())];
  }
  return [];
}

/**
 * The OTLP/HTTP exporter, loaded with the first spans to export: its ~120 modules stay out of every process that
 * exports nowhere (`npm start` by default), which a top-level import loaded all the same.
 */
class OtlpExporterOnDemand implements SpanExporter {
  private exporter: Promise<SpanExporter> | undefined;

  /** No url: the exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) itself. */
  constructor(private readonly url?: string) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.loaded().then(
      (exporter) => exporter.export(spans, done),
      (error: Error) => done({ code: ExportResultCode.FAILED, error }),
    );
  }

  async forceFlush(): Promise<void> {
    if (this.exporter) await (await this.exporter).forceFlush?.();
  }

  async shutdown(): Promise<void> {
    if (this.exporter) await (await this.exporter).shutdown();
  }

  private loaded(): Promise<SpanExporter> {
    this.exporter ??= import('@opentelemetry/exporter-trace-otlp-http').then(({ OTLPTraceExporter }) => new OTLPTraceExporter(this.url ? { url: this.url } : {}));
    return this.exporter;
  }
}
