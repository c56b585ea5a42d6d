import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@elk/eventstore';
import { EVENT_STORE, readStreamState } from '@elk/service-kit';
import { accountDecider, accountStreamId, type AccountState } from './account.decider';
import { SecretHasher } from './secret.hasher';

/** 160 random bits. */
const SECRET_BYTES = 20;
const UUID_BYTES = 16;
const TOKEN_BYTES = 2 * UUID_BYTES + SECRET_BYTES;

/** A new invitation: the token goes into the SMS only, its secret's hash into the account's stream. */
export interface NewInvitation {
  token: string;
  secretHash: string;
}

/** The account a link names, and whether the link's secret is the one of its invitation in force. */
export interface OpenedLink {
  organisationId: string;
  accountId: string;
  state: AccountState;
  tokenMatches: boolean;
}

const uuidBytes = (uuid: string) => Buffer.from(uuid.replaceAll('-', ''), 'hex');
const uuidOf = (bytes: Buffer) => bytes.toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

/**
 * The links of «Пригласить в кабинет»: `<cabinet>/invitation#<token>`, the token 70 characters of base64url holding
 * the organisation's and the account's ids (which stream to read, with no read model that could lag behind) and a
 * random secret, kept only as an argon2id hash. The token sits in the URL's fragment, which browsers never send to
 * a server, so it reaches no access log.
 */
@Injectable()
export class InvitationLinks {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly hasher: SecretHasher,
  ) {}

  async create(organisationId: string, accountId: string): Promise<NewInvitation> {
    const secret = randomBytes(SECRET_BYTES);
    const token = Buffer.concat([uuidBytes(organisationId), uuidBytes(accountId), secret]).toString('base64url');
    return { token, secretHash: await this.hasher.hash(secret.toString('base64url')) };
  }

  /** The address the SMS carries. */
  link(cabinetUrl: string, token: string): string {
    return `${cabinetUrl.replace(/\/+$/, '')}/invitation#${token}`;
  }

  /** A mangled token opens nothing (and takes as long as one that opens an account). */
  async open(token: string): Promise<OpenedLink | null> {
    const bytes = /^[A-Za-z0-9_-]+$/.test(token) ? Buffer.from(token, 'base64url') : Buffer.alloc(0);
    if (bytes.length !== TOKEN_BYTES) {
      await this.hasher.verifyNothing(token);
      return null;
    }
    const organisationId = uuidOf(bytes.subarray(0, UUID_BYTES));
    const accountId = uuidOf(bytes.subarray(UUID_BYTES, 2 * UUID_BYTES));
    const secret = bytes.subarray(2 * UUID_BYTES).toString('base64url');
    const { state } = await readStreamState(this.eventStore, accountStreamId(organisationId, accountId), accountDecider);
    const tokenHash = state.status === 'registered' ? state.invitation?.tokenHash : undefined;
    const tokenMatches = tokenHash ? await this.hasher.verify(tokenHash, secret) : await this.hasher.verifyNothing(secret);
    return { organisationId, accountId, state, tokenMatches };
  }
}
