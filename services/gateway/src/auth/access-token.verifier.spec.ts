import { SignJWT } from 'jose';
import type { GatewayOptions } from '../gateway.options';
import { AccessTokenVerifier } from './access-token.verifier';

const SECRET = 'a-test-secret-of-thirty-two-bytes!!';
const CLAIMS = { sub: '6f1c3f0e-4a53-4c39-9d0f-9f0a0f7c1a01', org: '0b7f2a8e-9c2d-4f35-8e51-2f6f5f0d9b02', role: 'owner', sid: 's1' };

function tokenOf({ secret = SECRET, expiresInSeconds = 900, claims = CLAIMS }: { secret?: string; expiresInSeconds?: number; claims?: Record<string, string> } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const { sub, ...rest } = claims;
  return new SignJWT(rest)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub!)
    .setIssuedAt(now)
    .setExpirationTime(now + expiresInSeconds)
    .sign(new TextEncoder().encode(secret));
}

const verifier = () => new AccessTokenVerifier({ jwtSecret: SECRET } as GatewayOptions);

describe('AccessTokenVerifier', () => {
  afterEach(() => jest.useRealTimers());

  it('reads the claims of a token it signed, the second time as the first', async () => {
    const tokens = verifier();
    const token = await tokenOf();
    expect(await tokens.verify(token)).toEqual(CLAIMS);
    expect(await tokens.verify(token)).toEqual(CLAIMS);
  });

  it('refuses a token signed with another key, or changed after signing', async () => {
    const tokens = verifier();
    expect(await tokens.verify(await tokenOf({ secret: 'another-secret-of-thirty-two-bytes!' }))).toBeNull();
    const token = await tokenOf();
    expect(await tokens.verify(token)).toEqual(CLAIMS);
    const [header, , signature] = token.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ ...CLAIMS, role: 'owner', org: '11111111-1111-4111-8111-111111111111', exp: 9_999_999_999 })).toString('base64url');
    expect(await tokens.verify(`${header}.${otherPayload}.${signature}`)).toBeNull();
  });

  it('refuses a token whose claims do not fit', async () => {
    expect(await verifier().verify(await tokenOf({ claims: { ...CLAIMS, org: 'not-a-uuid' } }))).toBeNull();
  });

  it('refuses a token once it has expired, though it passed before', async () => {
    jest.useFakeTimers({ now: Date.UTC(2026, 0, 1, 12, 0, 0), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const tokens = verifier();
    const token = await tokenOf({ expiresInSeconds: 60 });
    expect(await tokens.verify(token)).toEqual(CLAIMS);
    // Within the 5 s of clock tolerance it still passes; after it, it does not.
    jest.setSystemTime(Date.UTC(2026, 0, 1, 12, 1, 4));
    expect(await tokens.verify(token)).toEqual(CLAIMS);
    jest.setSystemTime(Date.UTC(2026, 0, 1, 12, 1, 6));
    expect(await tokens.verify(token)).toBeNull();
    expect(await tokens.verify(token)).toBeNull();
  });
});
