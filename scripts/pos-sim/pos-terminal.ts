/**
 * A simulated POS terminal (a LIFE POS / Альфа Кэш / ВТБ-касса app) speaking ELK's terminal API /pos/v1 as a real
 * one would, in JSON or in protobuf: the end-to-end tests, the demo and the benchmarks drive terminals through it. It
 * grows with the API: activation, settings and the catalog's delta sync now; PIN log-in, equipment and sales next.
 */
import { randomUUID } from 'node:crypto';
import {
  POS_MESSAGES,
  POS_PROTOBUF_CONTENT_TYPE,
  plainToProtobuf,
  protobufToPlain,
  type ActivationRequest,
  type ActivationResponse,
  type TerminalCatalogPage,
  type TerminalCategory,
  type TerminalProduct,
  type TerminalSettings,
  type TerminalUnit,
} from '@elk/contracts';

export type DeviceDescription = ActivationRequest['device'];
export type WireFormat = 'json' | 'protobuf';
type PosMessage = (typeof POS_MESSAGES)[keyof typeof POS_MESSAGES];

/** A terminal's answer that was not a success: the HTTP status and the problem+json ELK sent. */
export class TerminalRequestError extends Error {
  override readonly name = 'TerminalRequestError';
  constructor(
    readonly status: number,
    readonly problem: { code?: string; detail?: string; errors?: Array<{ path: string; message: string }> } | null,
  ) {
    super(`ELK answered ${status}: ${problem?.detail ?? 'no details'}`);
  }
}

/** The catalog as a terminal keeps it, by id: what the pages it synced brought. */
export interface LocalCatalog {
  units: Map<string, TerminalUnit>;
  categories: Map<string, TerminalCategory>;
  products: Map<string, TerminalProduct>;
}

/** What one sync brought: pages read, upserts per kind, tombstones; `notModified` when the first page was a 304. */
export interface CatalogSync {
  pages: number;
  units: number;
  categories: number;
  products: number;
  deleted: number;
  notModified: boolean;
}

const CATALOG_KINDS = { unit: 'units', category: 'categories', product: 'products' } as const;

/** A plausible device: a LIFE POS with a serial of its own. */
export function simulatedDevice(serial = `SIM${randomUUID().slice(0, 8).toUpperCase()}`): DeviceDescription {
  return { model: 'LIFE POS Mini', serial, appName: 'ELK pos-sim', appVersion: '0.1.0', os: 'Android 11' };
}

export class PosTerminal {
  /** The device credential: from a successful activation, or kept from an earlier one (`useCredential`). */
  credential: string | null = null;
  readonly device: DeviceDescription;
  readonly format: WireFormat;

  constructor(
    readonly baseUrl: string,
    options: { device?: DeviceDescription; format?: WireFormat } = {},
  ) {
    this.device = options.device ?? simulatedDevice();
    this.format = options.format ?? 'json';
  }

  /** A terminal activated before: its credential, kept from an earlier activation. */
  useCredential(credential: string): void {
    this.credential = credential;
  }

  /** `POST /pos/v1/activation` with the code from the SMS, as typed (any case, with or without the dash). */
  async activate(code: string): Promise<ActivationResponse> {
    const reply = await this.send('POST', '/pos/v1/activation', { body: { code, device: this.device } satisfies ActivationRequest, message: POS_MESSAGES.ActivationRequest });
    const activation = await this.read(reply, POS_MESSAGES.ActivationResponse);
    this.credential = activation.credential;
    return activation;
  }

  /** The settings and their ETag; with `etag` (of the settings held) null when nothing changed (304). */
  async settings(etag?: string): Promise<{ settings: TerminalSettings; etag: string } | null> {
    const reply = await this.send('GET', '/pos/v1/settings', { headers: etag ? { 'if-none-match': etag } : {} });
    if (reply.status === 304) return null;
    return { settings: await this.read(reply, POS_MESSAGES.TerminalSettings), etag: reply.headers.get('etag') ?? '' };
  }

  /** The local catalog: kept up to date by syncCatalog. */
  readonly catalog: LocalCatalog = { units: new Map(), categories: new Map(), products: new Map() };
  /** Where the local catalog stands: the cursor of the last page applied (null: never synced), and that page's ETag. */
  catalogCursor: string | null = null;
  private catalogEtag: string | null = null;

  /** One page of `GET /pos/v1/catalog` after `cursor` (none: from the start) and its ETag; with `etag`, null when nothing changed (304). */
  async catalogPage({ cursor, limit, etag }: { cursor?: string; limit?: number; etag?: string } = {}): Promise<{ page: TerminalCatalogPage; etag: string } | null> {
    const query = new URLSearchParams({ ...(cursor === undefined ? {} : { cursor }), ...(limit === undefined ? {} : { limit: String(limit) }) });
    const reply = await this.send('GET', `/pos/v1/catalog${query.size > 0 ? `?${query}` : ''}`, { headers: etag ? { 'if-none-match': etag } : {} });
    if (reply.status === 304) return null;
    return { page: await this.read(reply, POS_MESSAGES.TerminalCatalogPage), etag: reply.headers.get('etag') ?? '' };
  }

  /**
   * Delta sync: pages from `cursor` (by default where the local catalog stands; null: the whole catalog again) until no
   * more follow, applying each page's upserts and tombstones to the local catalog. Asks with the ETag it holds, so an
   * unchanged catalog costs one 304.
   */
  async syncCatalog(cursor: string | null = this.catalogCursor, limit?: number): Promise<CatalogSync> {
    const sync: CatalogSync = { pages: 0, units: 0, categories: 0, products: 0, deleted: 0, notModified: false };
    for (let more = true; more; ) {
      const etag = cursor !== null && cursor === this.catalogCursor ? (this.catalogEtag ?? undefined) : undefined;
      const answer = await this.catalogPage({ cursor: cursor ?? undefined, limit, etag });
      if (!answer) return { ...sync, notModified: true };
      const { page } = answer;
      this.applyCatalogPage(page);
      sync.pages++;
      sync.units += page.units.length;
      sync.categories += page.categories.length;
      sync.products += page.products.length;
      sync.deleted += page.deleted.length;
      ({ cursor, more } = page);
      this.catalogCursor = page.cursor;
      this.catalogEtag = answer.etag;
    }
    return sync;
  }

  private applyCatalogPage(page: TerminalCatalogPage): void {
    for (const unit of page.units) this.catalog.units.set(unit.id, unit);
    for (const category of page.categories) this.catalog.categories.set(category.id, category);
    for (const product of page.products) this.catalog.products.set(product.id, product);
    for (const { kind, id } of page.deleted) this.catalog[CATALOG_KINDS[kind]].delete(id);
  }

  /** A request with the device credential (none before activation), its body and the answer in the terminal's format. */
  send(method: string, path: string, { body, message, headers = {} }: { body?: unknown; message?: PosMessage; headers?: Record<string, string> } = {}): Promise<Response> {
    const protobuf = this.format === 'protobuf';
    const { credential } = this;
    return fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...headers,
        accept: protobuf ? POS_PROTOBUF_CONTENT_TYPE : 'application/json',
        ...(body === undefined ? {} : { 'content-type': protobuf ? POS_PROTOBUF_CONTENT_TYPE : 'application/json' }),
        ...(credential ? { authorization: `Bearer ${credential}` } : {}),
      },
      ...(body === undefined ? {} : { body: protobuf && message ? plainToProtobuf(message.proto, body) : JSON.stringify(body) }),
    });
  }

  /** A 200's body checked by its contract (from protobuf when it came so); anything else thrown as a TerminalRequestError. */
  private async read<M extends PosMessage>(reply: Response, message: M): Promise<ReturnType<M['zod']['parse']>> {
    if (reply.status !== 200) throw new TerminalRequestError(reply.status, (await reply.json().catch(() => null)) as TerminalRequestError['problem']);
    const protobuf = reply.headers.get('content-type')?.startsWith(POS_PROTOBUF_CONTENT_TYPE);
    if (protobuf !== (this.format === 'protobuf')) throw new Error(`asked for ${this.format}, got ${reply.headers.get('content-type')}`);
    const plain = protobuf ? protobufToPlain(message.proto, new Uint8Array(await reply.arrayBuffer())) : await reply.json();
    return message.zod.parse(plain) as ReturnType<M['zod']['parse']>;
  }
}
