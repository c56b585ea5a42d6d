import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { DEFAULT_IDEMPOTENCY_TTL_SECONDS, GATEWAY_OPTIONS, type GatewayOptions } from '../gateway.options';
import { HttpProblem } from '../http/problem';
import { EXPIRING_RECORDS, type ExpiringRecordStore } from '../records/expiring-record.store';

/** The `Idempotency-Key` request header (IETF draft): any visible ASCII, a UUID as a rule. */
export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, { error: 'Ключ идемпотентности: от 1 до 255 латинских букв, цифр и знаков без пробелов' })
    .optional(),
});
export type IdempotencyHeaders = z.infer<typeof IdempotencyHeaders>;

export interface IdempotentCall<Seed, Result> {
  /** Keys are unique per scope (one scope per endpoint). */
  scope: string;
  key: string | undefined;
  /** The parsed request: a key sent again with a different one is refused. */
  request: unknown;
  /** Fresh ids and the like for a first attempt; a retry gets the ones its first attempt used. */
  seed: () => Seed;
  run: (seed: Seed) => Promise<Result>;
}

interface KeyRecord<Seed, Result> {
  fingerprint: string;
  seed: Seed;
  result?: Result;
}

/**
 * Makes a write safe to retry. The first attempt with a key records its seed (the ids it creates things
 * under); a finished one also records its result, which a retry gets back as is. A retry of an attempt that
 * did not finish (a timeout, a crash) runs again with the same seed, so the services recognise the ids and
 * do not create anything twice.
 */
@Injectable()
export class Idempotency {
  private readonly ttlSeconds: number;
  private readonly fingerprintKey: string;

  constructor(
    @Inject(EXPIRING_RECORDS) private readonly store: ExpiringRecordStore,
    @Inject(GATEWAY_OPTIONS) options: GatewayOptions,
  ) {
    this.ttlSeconds = options.idempotencyTtlSeconds ?? DEFAULT_IDEMPOTENCY_TTL_SECONDS;
    // Keyed so that a stored fingerprint of a body with a password cannot be brute-forced offline.
    this.fingerprintKey = options.jwtSecret;
  }

  /** Runs a write behind its `Idempotency-Key` (see above); a replayed answer says so in the `Idempotent-Replayed: true` header. */
  async respond<Seed, Result>(reply: FastifyReply, call: IdempotentCall<Seed, Result>): Promise<Result> {
    const { result, replayed } = await this.execute(call);
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return result;
  }

  private async execute<Seed, Result>(call: IdempotentCall<Seed, Result>): Promise<{ result: Result; replayed: boolean }> {
    if (call.key === undefined) return { result: await call.run(call.seed()), replayed: false };

    const key = `idempotency:${call.scope}:${call.key}`;
    const fingerprint = createHmac('sha256', this.fingerprintKey).update(JSON.stringify(call.request)).digest('base64url');
    let seed = call.seed();
    const existing = await this.store.putIfAbsent(key, JSON.stringify({ fingerprint, seed } satisfies KeyRecord<Seed, Result>), this.ttlSeconds);
    if (existing !== null) {
      const record = JSON.parse(existing) as KeyRecord<Seed, Result>;
      if (record.fingerprint !== fingerprint) {
        throw new HttpProblem('IDEMPOTENCY_KEY_REUSED', 'Этот ключ идемпотентности уже использован для другого запроса');
      }
      if (record.result !== undefined) return { result: record.result, replayed: true };
      seed = record.seed;
    }
    const result = await call.run(seed);
    await this.store.put(key, JSON.stringify({ fingerprint, seed, result } satisfies KeyRecord<Seed, Result>), this.ttlSeconds);
    return { result, replayed: false };
  }
}
