/**
 * A simulated POS terminal (a LIFE POS / Альфа Кэш / ВТБ-касса app) speaking ELK's terminal API /pos/v1 as a real
 * one would, in JSON or in protobuf: the end-to-end tests, the demo and the benchmarks drive terminals through it. It
 * grows with the API: activation, settings, a cashier's PIN log-in, the equipment report, the catalog's delta sync and
 * pushing sales (made by `sale-generator.ts`).
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  POS_MESSAGES,
  POS_PROTOBUF_CONTENT_TYPE,
  TERMINAL_SESSION_HEADER,
  plainToProtobuf,
  protobufToPlain,
  type ActivationRequest,
  type ActivationResponse,
  type TerminalSession,
  type BankTerminalReport,
  type EquipmentReport,
  type EquipmentReportResponse,
  type FiscalRegisterReport,
  type PushSaleEventsResponse,
  type PushedSaleEvent,
  type TerminalCatalogPage,
  type TerminalCategory,
  type TerminalProduct,
  type TerminalSettings,
  type TerminalUnit,
} from '@elk/contracts';

/** An activation code as the SMS shows it (`XXXX-XXXX`), for a terminal user typing it from their phone. */
export const ACTIVATION_CODE_IN_SMS = /\b[0-9A-Z]{4}-[0-9A-Z]{4}\b/;

/** A cashier's PIN-code as the SMS that brings it says it. */
export const PIN_CODE_IN_SMS = /(?<=PIN-код для входа в приложение на кассе: )\d{4}/;

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

/** Digits that depend only on `seed`: the same simulated terminal has the same equipment every run. */
function digitsOf(seed: string, purpose: string, length: number): string {
  const hash = createHash('sha256').update(`${purpose}:${seed}`).digest();
  return Array.from(hash.subarray(0, length), (byte) => String(byte % 10)).join('');
}

/** A plausible fiscal register: an АТОЛ 30Ф with its ФН, numbers derived from `seed` (the terminal's serial). */
export function simulatedFiscalRegister(seed: string): FiscalRegisterReport {
  return {
    model: 'АТОЛ 30Ф',
    firmwareVersion: '5.8.21',
    serialNumber: `0010${digitsOf(seed, 'kkt', 10)}`,
    ffdVersion: '1.2',
    registrationNumber: digitsOf(seed, 'rnm', 16),
    fnNumber: `7380440${digitsOf(seed, 'fn', 9)}`,
  };
}

/** A plausible bank terminal: an Ingenico Move/5000, its TID and MID derived from `seed`. */
export function simulatedBankTerminal(seed: string): BankTerminalReport {
  return { model: 'Ingenico Move/5000', tid: digitsOf(seed, 'tid', 8), mid: `78${digitsOf(seed, 'mid', 10)}` };
}

/** What a terminal reports about its equipment: a fiscal register and/or a bank terminal. */
export type EquipmentReportBody = Partial<Pick<EquipmentReport, 'fiscalRegister' | 'bankTerminal'>>;

export class PosTerminal {
  /** The device credential: from a successful activation, or kept from an earlier one (`useCredential`). */
  credential: string | null = null;
  /** The token of the cashier's session: from a successful `logIn`, until `logOut`. */
  sessionToken: string | null = null;
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

  /**
   * `POST /pos/v1/equipment`: the register and/or bank terminal connected to it (by default the simulated ones of its
   * device); what ELK recorded about each.
   */
  async reportEquipment(report: EquipmentReportBody = { fiscalRegister: simulatedFiscalRegister(this.device.serial), bankTerminal: simulatedBankTerminal(this.device.serial) }): Promise<EquipmentReportResponse> {
    const reply = await this.send('POST', '/pos/v1/equipment', { body: report, message: POS_MESSAGES.EquipmentReport });
    return this.read(reply, POS_MESSAGES.EquipmentReportResponse);
  }

  /** `POST /pos/v1/sessions`: the cashier logs in with their phone or id and the PIN-code from the SMS. */
  async logIn(employee: string, pin: string): Promise<TerminalSession> {
    const reply = await this.send('POST', '/pos/v1/sessions', { body: { employee, pin }, message: POS_MESSAGES.TerminalLogInRequest });
    const { token, session } = await this.read(reply, POS_MESSAGES.TerminalLogIn);
    this.sessionToken = token;
    return session;
  }

  /** `GET /pos/v1/sessions/current`: who is logged in. */
  async whoAmI(): Promise<TerminalSession> {
    return this.read(await this.send('GET', '/pos/v1/sessions/current'), POS_MESSAGES.TerminalSession);
  }

  /** `DELETE /pos/v1/sessions/current`: the cashier logs out. */
  async logOut(): Promise<void> {
    const reply = await this.send('DELETE', '/pos/v1/sessions/current');
    if (reply.status !== 204) throw await requestError(reply);
    this.sessionToken = null;
  }

  /** `POST /pos/v1/sales/events`: a batch of sale events (the cashier must be logged in); each event's outcome. */
  async pushSales(events: PushedSaleEvent[]): Promise<PushSaleEventsResponse> {
    const reply = await this.send('POST', '/pos/v1/sales/events', { body: { events }, message: POS_MESSAGES.PushSaleEventsRequest });
    return this.read(reply, POS_MESSAGES.PushSaleEventsResponse);
  }

  /**
   * Pushes the batch until it is answered, as a terminal flushing its queue does: no answer or a 5xx is tried again
   * with the same events (their eventIds make the retry harmless), up to `attempts` times.
   */
  async pushSalesUntilAnswered(events: PushedSaleEvent[], attempts = 5): Promise<PushSaleEventsResponse> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.pushSales(events);
      } catch (error) {
        const retryable = error instanceof TypeError || (error instanceof TerminalRequestError && error.status >= 500);
        if (!retryable || attempt >= attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
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


  /** A request with the device credential (none before activation) and the cashier's session (when logged in), its body and the answer in the terminal's format. */
  send(method: string, path: string, { body, message, headers = {} }: { body?: unknown; message?: PosMessage; headers?: Record<string, string> } = {}): Promise<Response> {
    const protobuf = this.format === 'protobuf';
    const { credential, sessionToken } = this;
    return fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...headers,
        accept: protobuf ? POS_PROTOBUF_CONTENT_TYPE : 'application/json',
        ...(body === undefined ? {} : { 'content-type': protobuf ? POS_PROTOBUF_CONTENT_TYPE : 'application/json' }),
        ...(credential ? { authorization: `Bearer ${credential}` } : {}),
        ...(sessionToken ? { [TERMINAL_SESSION_HEADER]: sessionToken } : {}),
      },
      ...(body === undefined ? {} : { body: protobuf && message ? plainToProtobuf(message.proto, body) : JSON.stringify(body) }),
    });
  }

  /** A 200's body checked by its contract (from protobuf when it came so); anything else thrown as a TerminalRequestError. */
  private async read<M extends PosMessage>(reply: Response, message: M): Promise<ReturnType<M['zod']['parse']>> {
    if (reply.status !== 200) throw await requestError(reply);
    const protobuf = reply.headers.get('content-type')?.startsWith(POS_PROTOBUF_CONTENT_TYPE);
    if (protobuf !== (this.format === 'protobuf')) throw new Error(`asked for ${this.format}, got ${reply.headers.get('content-type')}`);
    const plain = protobuf ? protobufToPlain(message.proto, new Uint8Array(await reply.arrayBuffer())) : await reply.json();
    return message.zod.parse(plain) as ReturnType<M['zod']['parse']>;
  }
}

async function requestError(reply: Response): Promise<TerminalRequestError> {
  return new TerminalRequestError(reply.status, (await reply.json().catch(() => null)) as TerminalRequestError['problem']);
}
