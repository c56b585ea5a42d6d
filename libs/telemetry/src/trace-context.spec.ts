import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTelemetry, type Telemetry } from './telemetry';
import { extractTraceContext, injectTraceHeaders, traceFields, withSpan } from './trace-context';

describe('trace context helpers', () => {
  const exporter = new InMemorySpanExporter();
  let telemetry: Telemetry;

  beforeAll(() => {
    telemetry = startTelemetry({ serviceName: 'trace-context-spec', exporter });
  });
  afterAll(() => telemetry.shutdown());
  beforeEach(() => exporter.reset());

  async function finishedSpans() {
    await telemetry.forceFlush();
    return exporter.getFinishedSpans();
  }

  it('nests spans and keeps the active span across awaits and timers', async () => {
    const seen = await withSpan('outer', SpanKind.INTERNAL, async (outer) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const inner = await withSpan('inner', SpanKind.INTERNAL, async () => {
        await Promise.resolve();
        return traceFields();
      });
      return { outer: outer.spanContext(), inner, afterInner: traceFields() };
    });

    const [inner, outer] = await finishedSpans();
    expect(inner?.name).toBe('inner');
    expect(inner?.parentSpanContext?.spanId).toBe(outer?.spanContext().spanId);
    expect(seen.inner).toEqual({ traceId: seen.outer.traceId, spanId: inner?.spanContext().spanId });
    expect(seen.afterInner).toEqual({ traceId: seen.outer.traceId, spanId: seen.outer.spanId });
  });

  it('returns no trace fields outside a span', () => {
    expect(traceFields()).toEqual({});
  });

  it('injects W3C traceparent and extracts it as the parent of a remote span', async () => {
    const headers = await withSpan('caller', SpanKind.CLIENT, () => injectTraceHeaders({ 'x-other': '1' }));
    expect(headers['x-other']).toBe('1');
    expect(headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    await withSpan('callee', SpanKind.SERVER, () => undefined, { parentContext: extractTraceContext(headers) });

    const [caller, callee] = await finishedSpans();
    expect(callee?.kind).toBe(SpanKind.SERVER);
    expect(callee?.spanContext().traceId).toBe(caller?.spanContext().traceId);
    expect(callee?.parentSpanContext?.spanId).toBe(caller?.spanContext().spanId);
    expect(callee?.parentSpanContext?.isRemote).toBe(true);
  });

  it('reads headers whatever their case', async () => {
    const headers = await withSpan('caller', SpanKind.PRODUCER, () => injectTraceHeaders({}));
    const shouted = { Traceparent: headers.traceparent as string };
    const parent = trace.getSpanContext(extractTraceContext(shouted));
    expect(parent?.spanId).toBe(headers.traceparent?.split('-')[2]);
  });

  it('ignores the ambient context when extracting: the message alone names the parent', async () => {
    const extracted = await withSpan('ambient', SpanKind.INTERNAL, () => extractTraceContext({}));
    expect(trace.getSpan(extracted)).toBeUndefined();
    expect(trace.getSpan(extractTraceContext(undefined))).toBeUndefined();
  });

  it('starts a new trace when there is no parent', async () => {
    await withSpan('root', SpanKind.CONSUMER, () => undefined, { parentContext: extractTraceContext({}) });
    const [root] = await finishedSpans();
    expect(root?.parentSpanContext).toBeUndefined();
  });

  it('records attributes, and marks the span as an error when fn throws', async () => {
    await expect(
      withSpan('failing', SpanKind.INTERNAL, () => {
        throw new Error('boom');
      }, { attributes: { 'elk.case': 'x' } }),
    ).rejects.toThrow('boom');

    const [failing] = await finishedSpans();
    expect(failing?.attributes['elk.case']).toBe('x');
    expect(failing?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'boom' });
    expect(failing?.events.map((event) => event.name)).toEqual(['exception']);
    expect(failing?.ended).toBe(true);
  });

  it('restores the previous context after the span', async () => {
    const before = context.active();
    await withSpan('scoped', SpanKind.INTERNAL, () => undefined);
    expect(context.active()).toBe(before);
  });
});
