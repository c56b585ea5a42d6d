import { RemoteError, type MessageBus } from '@elk/messaging';
import type { TestInfrastructure } from './test-infrastructure';

export type FakeHandler = (data: unknown) => Promise<unknown>;

/**
 * Stands in for another service on one subject. On a bus of the test's own (embedded: an in-process broker
 * per test) the fake serves the subject as that service would. On the NATS server every test file shares, it
 * answers the service under test inside this process instead: a fake served there would also take requests
 * of other test files running at the same time, and theirs ours. Either way data goes through JSON and a
 * thrown error with a code comes back as a RemoteError, as over the wire.
 */
export async function withFakeHandler(infrastructure: TestInfrastructure, subject: string, handler: FakeHandler): Promise<TestInfrastructure> {
  if (infrastructure.mode === 'embedded') {
    await infrastructure.bus.serve(subject, (request) => handler(request.data));
    return infrastructure;
  }
  const bus = infrastructure.bus;
  const local: MessageBus = {
    request: async <R, T>(requested: string, data: T, options?: Parameters<MessageBus['request']>[2]) => {
      if (requested !== subject) return bus.request<R, T>(requested, data, options);
      try {
        return throughJson(await handler(throughJson(data))) as R;
      } catch (error) {
        const { code, message, details } = error as { code?: unknown; message?: string; details?: unknown };
        if (typeof code !== 'string') throw error;
        throw new RemoteError(subject, code, message ?? code, throughJson(details));
      }
    },
    serve: (served, serveHandler, options) => bus.serve(served, serveHandler, options),
    publishEvent: (event) => bus.publishEvent(event),
    consumeEvents: (options) => bus.consumeEvents(options),
    broadcast: (subject, data) => bus.broadcast(subject, data),
    listen: (subject, listener) => bus.listen(subject, listener),
    close: () => bus.close(),
  };
  return { ...infrastructure, bus: local };
}

function throughJson(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}
