/**
 * A closed-loop load generator for sale pushes: each terminal sends its requests in order, the next one only once the
 * previous one is answered (a sale's payment must not overtake its creation), so the concurrency is one request per
 * terminal; paced (LoadOptions.requestsPerSecond), a terminal also waits for its request's turn. Bodies are serialised before the clock starts. Every answer's per-event outcomes are counted; an answer
 * other than 200, or none, is a failure and the terminal sends the same body again after a short pause, as a terminal
 * flushing its queue does (pos-sim's pushSalesUntilAnswered), at most MAX_ATTEMPTS times (LoadOptions change both).
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { PUSH_OUTCOMES, type PushOutcome, type SaleStatus } from '@elk/contracts';

const MAX_ATTEMPTS = 5;
const RETRY_PAUSE_MS = 100;
/** The longest pause between attempts, however many failed. */
const MAX_RETRY_PAUSE_MS = 1_000;

/** One terminal's requests: where, with which headers, and the bodies in order with how many events each holds. */
export interface LoadTerminal {
  url: string;
  headers: Record<string, string>;
  requests: Array<{ body: Buffer; events: number }>;
}

/** What an answer said about its events, with the time it arrived (performance.now()). */
export interface Ack {
  terminal: number;
  request: number;
  ackAt: number;
  /** 1, or more when earlier attempts of the same body failed. */
  attempts: number;
  /** Per event, in the order pushed (ELK also says why it refused one and the sale's status). */
  results: Array<{ eventId: string; outcome: PushOutcome; code?: string | null; saleStatus?: SaleStatus | null }>;
}

/** An attempt that got no 200: its status, 'timeout' (no answer within LoadOptions.requestTimeoutMs) or 'no answer'. */
export interface Failure {
  terminal: number;
  request: number;
  failure: string;
  /** The answer's body, if there was one. */
  text: string | null;
}

export interface LoadOptions {
  /** A terminal stops waiting after this long and sends the same body again, as a real terminal's HTTP timeout; none by default. */
  requestTimeoutMs?: number;
  /** Attempts of one request before the load fails; MAX_ATTEMPTS by default. */
  maxAttempts?: number;
  /**
   * Paced rather than as fast as answered: the terminals together start at most this many requests a second, terminal
   * t its request i at (i × terminals + t) / requestsPerSecond seconds from the start; one a terminal still in flight,
   * so a terminal behind its turns sends at once.
   */
  requestsPerSecond?: number;
  /** Hears each attempt as it is sent. */
  onSend?: (terminal: number, request: number) => void;
  onFailure?: (failure: Failure) => void;
}

export interface Percentiles {
  p50: number;
  p99: number;
  max: number;
}

export interface LoadReport {
  requests: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** Request → answer of the requests answered 200, in milliseconds. */
  ackMs: Percentiles;
  /** Events by the outcome their answer gave. */
  outcomes: Record<PushOutcome, number>;
  /** Attempts that got no 200, by status ('no answer' when the connection failed, 'timeout'); each was sent again. */
  failures: Record<string, number>;
}

/** The p-th percentile (nearest rank) of ascending `sorted`. */
export function percentileOf(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentileOf(sorted, 50), p99: percentileOf(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

class RequestTimeout extends Error {}

function post(agent: Agent, url: string, headers: Record<string, string>, body: Buffer, timeoutMs: number | undefined): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': String(body.length) } }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    if (timeoutMs !== undefined) {
      const timer = setTimeout(() => outgoing.destroy(new RequestTimeout()), timeoutMs);
      outgoing.on('close', () => clearTimeout(timer));
    }
    outgoing.end(body);
  });
}

/** Runs every terminal's requests, one in flight per terminal; `onAck` hears each answered request. */
export async function runPushLoad(terminals: LoadTerminal[], onAck?: (ack: Ack) => void, options: LoadOptions = {}): Promise<LoadReport> {
  const { requestTimeoutMs, maxAttempts = MAX_ATTEMPTS, requestsPerSecond, onSend, onFailure } = options;
  const agent = new Agent({ keepAlive: true, maxSockets: terminals.length });
  const latencies: number[] = [];
  const outcomes = Object.fromEntries(PUSH_OUTCOMES.map((outcome) => [outcome, 0])) as Record<PushOutcome, number>;
  const failures: Record<string, number> = {};
  let events = 0;
  const started = performance.now();
  try {
    await Promise.all(
      terminals.map(async ({ url, headers, requests }, terminal) => {
        for (const [index, { body, events: count }] of requests.entries()) {
          const turn = requestsPerSecond === undefined ? 0 : started + ((index * terminals.length + terminal) / requestsPerSecond) * 1000;
          // A timer may fire up to a millisecond early (it counts in whole ms from the loop's cached clock): wait again.
          for (let untilTurn = turn - performance.now(); untilTurn > 0; untilTurn = turn - performance.now()) await new Promise((resolve) => setTimeout(resolve, Math.ceil(untilTurn)));
          for (let attempt = 1; ; attempt++) {
            const sentAt = performance.now();
            onSend?.(terminal, index);
            const answer = await post(agent, url, headers, body, requestTimeoutMs).catch((error: unknown) => (error instanceof RequestTimeout ? ('timeout' as const) : null));
            const ackAt = performance.now();
            if (answer !== 'timeout' && answer?.status === 200) {
              const { results } = JSON.parse(answer.text) as { results: Ack['results'] };
              if (results.length !== count) throw new Error(`${url} answered ${results.length} results for ${count} events`);
              for (const { outcome } of results) outcomes[outcome] += 1;
              latencies.push(ackAt - sentAt);
              events += count;
              onAck?.({ terminal, request: index, ackAt, attempts: attempt, results });
              break;
            }
            const failure = answer === 'timeout' ? answer : answer ? String(answer.status) : 'no answer';
            const text = typeof answer === 'object' && answer ? answer.text : null;
            failures[failure] = (failures[failure] ?? 0) + 1;
            onFailure?.({ terminal, request: index, failure, text });
            if (attempt >= maxAttempts) throw new Error(`${url}: request ${index + 1} of terminal ${terminal + 1} failed ${attempt} times (last: ${failure}${text ? ` ${text.slice(0, 300)}` : ''})`);
            await new Promise((resolve) => setTimeout(resolve, Math.min(RETRY_PAUSE_MS * attempt, MAX_RETRY_PAUSE_MS)));
          }
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  return { requests: latencies.length, events, seconds, eventsPerSecond: events / seconds, ackMs: percentiles(latencies), outcomes, failures };
}
