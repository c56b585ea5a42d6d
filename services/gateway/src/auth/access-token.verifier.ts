import { AccessTokenClaims } from '@elk/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify } from 'jose';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway.options';

/** Checks an access token's HS256 signature, expiry and claims; null for anything that does not pass. */
@Injectable()
export class AccessTokenVerifier {
  private readonly key: Uint8Array;

  constructor(@Inject(GATEWAY_OPTIONS) options: GatewayOptions) {
    this.key = new TextEncoder().encode(options.jwtSecret);
  }

  async verify(token: string): Promise<AccessTokenClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], clockTolerance: 5 });
      const claims = AccessTokenClaims.safeParse(payload);
      return claims.success ? claims.data : null;
    } catch {
      return null;
    }
  }
}
