import {
  type Attributes,
  type Context,
  type Span,
  type SpanKind,
  type TextMapGetter,
  ROOT_CONTEXT,
  SpanStatusCode,
  context,
  isSpanContextValid,
  propagation,
  trace,
} from '@opentelemetry/api';

/** String headers as they travel on the bus or over HTTP. */
export type TraceHeaders = Record<string, string>;

const TRACER_NAME = '@elk/telemetry';

// Transports may change header case (NATS keeps it, HTTP lowercases): look keys up case-insensitively.
const headerGetter: TextMapGetter<TraceHeaders> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    if (key in carrier) return carrier[key];
    const lower = key.toLowerCase();
    const found = Object.keys(carrier).find((name) => name.toLowerCase() === lower);
    return found === undefined ? undefined : carrier[found];
  },
};

/**
 * Writes the trace context of `ctx` (the active one by default) into `headers` as W3C `traceparent` /
 * `tracestate` and returns the same object. Writes nothing when there is no span or no SDK.
 */
export function injectTraceHeaders(headers: TraceHeaders = {}, ctx: Context = context.active()): TraceHeaders {
  propagation.inject(ctx, headers);
  return headers;
}

/**
 * Reads the trace context carried by `headers`. It starts from an empty context, not the active one:
 * what the message carries is the whole truth, so an in-process delivery behaves like one over the wire.
 */
export function extractTraceContext(headers: TraceHeaders | undefined): Context {
  return headers ? propagation.extract(ROOT_CONTEXT, headers, headerGetter) : ROOT_CONTEXT;
}

export interface WithSpanOptions {
  /** Parent of the new span; the active context by default. */
  parentContext?: Context;
  attributes?: Attributes;
}

/**
 * Runs `fn` inside a new span made active for its duration (so spans and log lines below it nest).
 * A throw marks the span as an error, records the exception on it and is rethrown.
 */
export async function withSpan<T>(
  name: string,
  kind: SpanKind,
  fn: (span: Span) => Promise<T> | T,
  options: WithSpanOptions = {},
): Promise<T> {
  const parent = options.parentContext ?? context.active();
  const span = trace.getTracer(TRACER_NAME).startSpan(name, { kind, attributes: options.attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}

/** Ids of the active span for log lines; empty when nothing is being traced. */
export function traceFields(): { traceId?: string; spanId?: string } {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) return {};
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}
