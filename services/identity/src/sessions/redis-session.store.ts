import type { Redis } from 'ioredis';
import type { Session } from './session';
import type { RotatedRefreshToken, SessionStore } from './session-store.port';

// Compare-and-set of the rotation: another rotation of the same session in between makes this one fail.
const ROTATE = `
if redis.call('HGET', KEYS[1], 'rotation') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'rotation', ARGV[2], 'refreshTokenHash', ARGV[3], 'expiresAt', ARGV[4])
redis.call('PEXPIREAT', KEYS[1], ARGV[5])
redis.call('SET', KEYS[2], ARGV[6], 'PXAT', ARGV[5])
return 1
`;

/**
 * Sessions in Redis: a hash per session expiring with its refresh token, a key per refresh token ever issued
 * (current or rotated, so that reuse is recognised) pointing at its session, and a set of each account's
 * session ids.
 */
export class RedisSessionStore implements SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'elk:identity:',
  ) {}

  async create(session: Session): Promise<void> {
    const expiresAt = Date.parse(session.expiresAt);
    await this.redis
      .multi()
      .hset(this.sessionKey(session.sessionId), { ...session, rotation: String(session.rotation) })
      .pexpireat(this.sessionKey(session.sessionId), expiresAt)
      .set(this.tokenKey(session.refreshTokenHash), session.sessionId, 'PXAT', expiresAt)
      .sadd(this.accountKey(session.accountId), session.sessionId)
      .exec();
  }

  async get(sessionId: string): Promise<Session | null> {
    const fields = await this.redis.hgetall(this.sessionKey(sessionId));
    if (!fields.sessionId) return null;
    return {
      sessionId: fields.sessionId,
      accountId: fields.accountId!,
      organisationId: fields.organisationId!,
      createdAt: fields.createdAt!,
      refreshTokenHash: fields.refreshTokenHash!,
      rotation: Number(fields.rotation),
      expiresAt: fields.expiresAt!,
    };
  }

  async findByRefreshTokenHash(refreshTokenHash: string): Promise<Session | null> {
    const sessionId = await this.redis.get(this.tokenKey(refreshTokenHash));
    return sessionId ? this.get(sessionId) : null;
  }

  async rotate(sessionId: string, from: number, next: RotatedRefreshToken): Promise<boolean> {
    const expiresAt = Date.parse(next.expiresAt);
    const keys = [this.sessionKey(sessionId), this.tokenKey(next.refreshTokenHash)];
    const rotated = await this.redis.eval(ROTATE, keys.length, ...keys, String(from), String(from + 1), next.refreshTokenHash, next.expiresAt, String(expiresAt), sessionId);
    return rotated === 1;
  }

  async revoke(sessionId: string): Promise<void> {
    const session = await this.get(sessionId);
    if (!session) return;
    await this.redis.multi().del(this.sessionKey(sessionId)).srem(this.accountKey(session.accountId), sessionId).exec();
  }

  async revokeAllOf(accountId: string, keepSessionId?: string): Promise<void> {
    const sessionIds = (await this.redis.smembers(this.accountKey(accountId))).filter((id) => id !== keepSessionId);
    if (sessionIds.length === 0) return;
    await this.redis
      .multi()
      .del(...sessionIds.map((id) => this.sessionKey(id)))
      .srem(this.accountKey(accountId), ...sessionIds)
      .exec();
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }

  private sessionKey(sessionId: string): string {
    return `${this.prefix}session:${sessionId}`;
  }

  private tokenKey(refreshTokenHash: string): string {
    return `${this.prefix}refresh-token:${refreshTokenHash}`;
  }

  private accountKey(accountId: string): string {
    return `${this.prefix}account-sessions:${accountId}`;
  }
}
