import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { createMessageBus } from './create-message-bus';
import { InProcessBroker, InProcessMessageBus } from './in-process-message-bus';
import { type BusTestContext, messageBusContract } from './message-bus.contract';
import type { MessageBus } from './message-bus';

describe('InProcessMessageBus', () => {
  messageBusContract(async (): Promise<BusTestContext> => {
    const broker = new InProcessBroker();
    const prefix = `test.${randomUUID()}`;
    const buses: MessageBus[] = [];
    return {
      newBus: async () => {
        const bus = await createMessageBus({ kind: 'in-process', broker, requestTimeoutMs: 2_000 });
        buses.push(bus);
        return bus;
      },
      subject: (name) => `${prefix}.${name}`,
      eventSubject: (name) => `${prefix}.evt.${name}`,
      dispose: async () => {
        await Promise.all(buses.map((bus) => bus.close()));
      },
    };
  });

  it('connects buses made without a broker to the one of the process, as embedded mode needs', async () => {
    const catalog = new InProcessMessageBus();
    const gateway = new InProcessMessageBus();
    const subject = `test.${randomUUID()}.qry.Ping`;
    await catalog.serve(subject, async () => 'pong');
    try {
      await expect(gateway.request(subject, {})).resolves.toBe('pong');
    } finally {
      await catalog.close();
    }
  });

  it('takes turns among the instances of a queue group', async () => {
    const broker = new InProcessBroker();
    const subject = 'elk.catalog.qry.GetUnits';
    const instances = ['a', 'b', 'c'];
    for (const instance of instances) await new InProcessMessageBus({ broker }).serve(subject, async () => instance);
    const requester = new InProcessMessageBus({ broker });

    const replies: string[] = [];
    for (let i = 0; i < 6; i++) replies.push(await requester.request<string>(subject, {}));

    expect(replies).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('sends the next request to the servers of its subject as they are then, after one comes or goes', async () => {
    const broker = new InProcessBroker();
    const subject = 'elk.catalog.qry.GetUnits';
    const requester = new InProcessMessageBus({ broker, requestTimeoutMs: 200 });
    const first = new InProcessMessageBus({ broker });
    await first.serve(subject, async () => 'first');
    expect(await requester.request<string>(subject, {})).toBe('first');

    const second = new InProcessMessageBus({ broker });
    await second.serve(subject, async () => 'second');
    await first.close();
    expect(await requester.request<string>(subject, {})).toBe('second');
    // A wildcard server joining is found for a subject asked before.
    const wildcard = new InProcessMessageBus({ broker });
    await wildcard.serve('elk.catalog.qry.*', async () => 'wildcard', { queue: 'other' });
    await second.close();
    expect(await requester.request<string>(subject, {})).toBe('wildcard');
    await wildcard.close();
    await expect(requester.request(subject, {})).rejects.toThrow();
  });

  it('runs a handler outside the async context of its caller, as another process would', async () => {
    const bus = new InProcessMessageBus({ broker: new InProcessBroker() });
    const requestScope = new AsyncLocalStorage<string>();
    await bus.serve('elk.identity.qry.WhoAmI', async () => requestScope.getStore() ?? 'nobody');

    const seen = await requestScope.run('organisation-1', () => bus.request('elk.identity.qry.WhoAmI', {}));

    expect(seen).toBe('nobody');
  });
});
