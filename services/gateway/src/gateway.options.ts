import type { DynamicModule } from '@nestjs/common';
import type Redis from 'ioredis';
import type { ThrottleLimits } from './throttle/attempt-throttle';

/**
 * What the composition root (embedded) or main.ts (distributed) hands the gateway. The gateway keeps no
 * state of its own: shared counters and idempotency keys live in Redis when given one, in memory otherwise.
 */
export interface GatewayOptions {
  /**
   * A global module providing MESSAGE_BUS and LOGGER: the process's `InfrastructureModule.forRoot(...)`
   * in embedded mode, `GatewayInfrastructureModule.forRoot(...)` in distributed mode.
   */
  infrastructure: DynamicModule;
  /** HS256 key of the access tokens identity issues. */
  jwtSecret: string;
  /** The built web cabinet (services/web/dist); when absent, `/` explains how to build it. */
  webDist?: string;
  /** Serves GET /api/v1/dev/sms (embedded mode, or ELK_DEV_OUTBOX=1). */
  devOutbox?: boolean;
  /** Rate limits and idempotency keys shared by every gateway instance; in memory when absent. */
  redis?: Redis;
  /** Overrides of the default login and password-reset limits. */
  throttle?: Partial<ThrottleLimits>;
  /** Largest request body; larger ones get 413. 64 KiB by default. */
  bodyLimitBytes?: number;
  /** How long a bus request may take before the client gets 503. 5 s by default. */
  busTimeoutMs?: number;
  /** How long an Idempotency-Key is remembered. 24 h by default. */
  idempotencyTtlSeconds?: number;
  /**
   * The cabinet's public address (`https://elk.example.ru`), which invitation links start with. Unset, a link starts
   * with the address the inviting admin's browser used.
   */
  cabinetUrl?: string;
  /**
   * The terminals' authentications kept between their requests (terminals/terminal-auth-cache.ts): 30 s and 10,000
   * (credential, session) pairs by default; a TTL of 0 keeps none.
   */
  terminalAuthCache?: { ttlMs?: number; maxEntries?: number };
  /** Fastify's `trustProxy`: set it behind a load balancer so that rate limits see the client's address. */
  trustProxy?: boolean | string;
}

export const GATEWAY_OPTIONS = Symbol('GATEWAY_OPTIONS');

export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;
export const DEFAULT_BUS_TIMEOUT_MS = 5_000;
export const DEFAULT_IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
