import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runPushLoad, type Ack, type Failure, type LoadTerminal } from './push-load';

/**
 * A push endpoint that records what each terminal sent, fails the first attempt of `failFirst`, never answers the first
 * attempt of `hangFirst`, and answers per event `outcomeOf(eventId)`.
 */
async function fakeEndpoint(outcomeOf: (eventId: string) => string, failFirst: string[] = [], hangFirst: string[] = []) {
  const received: Array<{ terminal: string; eventIds: string[] }> = [];
  const failed = new Set<string>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const eventIds = (JSON.parse(Buffer.concat(chunks).toString()) as { events: Array<{ eventId: string }> }).events.map((event) => event.eventId);
      const terminal = String(request.headers['x-terminal']);
      received.push({ terminal, eventIds });
      if (eventIds.some((id) => failFirst.includes(id) && !failed.has(id))) {
        eventIds.forEach((id) => failed.add(id));
        response.writeHead(503).end('{}');
        return;
      }
      if (eventIds.some((id) => hangFirst.includes(id) && !failed.has(id))) {
        eventIds.forEach((id) => failed.add(id));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results: eventIds.map((eventId) => ({ eventId, outcome: outcomeOf(eventId) })), chainHead: null }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { url, received, close };
}

const terminal = (url: string, name: string, batches: string[][]): LoadTerminal => ({
  url,
  headers: { 'x-terminal': name },
  requests: batches.map((eventIds) => ({ body: Buffer.from(JSON.stringify({ events: eventIds.map((eventId) => ({ eventId })) })), events: eventIds.length })),
});

describe('the ingest bench load generator', () => {
  it('counts every event by the outcome its answer gave, and each failed attempt by its status', async () => {
    const endpoint = await fakeEndpoint((id) => (id.startsWith('dup') ? 'duplicate' : id.startsWith('bad') ? 'rejected' : 'accepted'), ['a2']);
    try {
      const acks: Ack[] = [];
      const report = await runPushLoad(
        [terminal(endpoint.url, 'A', [['a1'], ['a2'], ['dup-a3']]), terminal(endpoint.url, 'B', [['b1', 'bad-b2', 'dup-b3']])],
        (ack) => acks.push(ack),
      );

      expect(report.outcomes).toEqual({ accepted: 3, duplicate: 2, rejected: 1 });
      expect(report.failures).toEqual({ '503': 1 });
      expect(report.events).toBe(6);
      expect(report.requests).toBe(4);
      expect(acks.map(({ terminal, request }) => `${terminal}:${request}`).sort()).toEqual(['0:0', '0:1', '0:2', '1:0']);
    } finally {
      await endpoint.close();
    }
  });

  it("sends each terminal's requests in order, a failed one again before the next", async () => {
    const endpoint = await fakeEndpoint(() => 'accepted', ['a2']);
    try {
      await runPushLoad([terminal(endpoint.url, 'A', [['a1'], ['a2'], ['a3']]), terminal(endpoint.url, 'B', [['b1'], ['b2']])]);

      const sentBy = (name: string) => endpoint.received.filter((request) => request.terminal === name).map((request) => request.eventIds.join());
      expect(sentBy('A')).toEqual(['a1', 'a2', 'a2', 'a3']);
      expect(sentBy('B')).toEqual(['b1', 'b2']);
    } finally {
      await endpoint.close();
    }
  });

  it('stops waiting for an answer after the request timeout and sends the same body again', async () => {
    const endpoint = await fakeEndpoint(() => 'accepted', [], ['a2']);
    try {
      const acks: Ack[] = [];
      const failures: Failure[] = [];
      const report = await runPushLoad([terminal(endpoint.url, 'A', [['a1'], ['a2']])], (ack) => acks.push(ack), { requestTimeoutMs: 200, onFailure: (failure) => failures.push(failure) });

      expect(report.failures).toEqual({ timeout: 1 });
      expect(failures).toEqual([{ terminal: 0, request: 1, failure: 'timeout', text: null }]);
      expect(acks.map(({ request, attempts }) => [request, attempts])).toEqual([
        [0, 1],
        [1, 2],
      ]);
      expect(endpoint.received.map((request) => request.eventIds.join())).toEqual(['a1', 'a2', 'a2']);
    } finally {
      await endpoint.close();
    }
  });

  it('paced, starts the terminals\' requests in turns at the rate asked, however fast they are answered', async () => {
    const endpoint = await fakeEndpoint(() => 'accepted');
    try {
      const sent: Array<{ terminal: number; request: number; at: number }> = [];
      const started = performance.now();
      const batches = (name: string) => Array.from({ length: 5 }, (_, index) => [`${name}${index}`]);
      const report = await runPushLoad([terminal(endpoint.url, 'A', batches('a')), terminal(endpoint.url, 'B', batches('b'))], undefined, {
        requestsPerSecond: 50,
        onSend: (terminal, request) => sent.push({ terminal, request, at: performance.now() - started }),
      });

      expect(report.requests).toBe(10);
      // The k-th request of the turns (request × 2 + terminal) goes no earlier than k / 50 s: the last at 180 ms.
      for (const { terminal, request, at } of sent) expect(at).toBeGreaterThanOrEqual(((request * 2 + terminal) / 50) * 1000 - 1);
      expect(report.seconds).toBeGreaterThanOrEqual(0.179);
    } finally {
      await endpoint.close();
    }
  });
});
