/**
 * A simulated POS terminal (a LIFE POS / Альфа Кэш / ВТБ-касса app) speaking ELK's terminal API /pos/v1 as a real
 * one would: the end-to-end tests, the demo and the benchmarks drive terminals through it. It grows with the API:
 * activation and settings now; PIN log-in, catalog sync, equipment and sales next.
 */
import { randomUUID } from 'node:crypto';
import { ActivationResponse, TerminalSettings, type ActivationRequest } from '@elk/contracts';

export type DeviceDescription = ActivationRequest['device'];

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

/** A plausible device: a LIFE POS with a serial of its own. */
export function simulatedDevice(serial = `SIM${randomUUID().slice(0, 8).toUpperCase()}`): DeviceDescription {
  return { model: 'LIFE POS Mini', serial, appName: 'ELK pos-sim', appVersion: '0.1.0', os: 'Android 11' };
}

export class PosTerminal {
  /** Set by a successful activation: the device credential and where the terminal stands. */
  activation: ActivationResponse | null = null;

  constructor(
    readonly baseUrl: string,
    readonly device: DeviceDescription = simulatedDevice(),
  ) {}

  /** The settings and their ETag; with `etag` (of the settings held) null when nothing changed (304). */
  async settings(etag?: string): Promise<{ settings: TerminalSettings; etag: string } | null> {
    const reply = await this.request('GET', '/pos/v1/settings', etag ? { 'if-none-match': etag } : {});
    if (reply.status === 304) return null;
    const body: unknown = await reply.json().catch(() => null);
    if (reply.status !== 200) throw new TerminalRequestError(reply.status, body as TerminalRequestError['problem']);
    return { settings: TerminalSettings.parse(body), etag: reply.headers.get('etag') ?? '' };
  }

  /** A request with the device credential (none before activation). */
  request(method: string, path: string, headers: Record<string, string> = {}): Promise<Response> {
    const credential = this.activation?.credential;
    return fetch(`${this.baseUrl}${path}`, { method, headers: { ...headers, ...(credential ? { authorization: `Bearer ${credential}` } : {}) } });
  }

  /** `POST /pos/v1/activation` with the code from the SMS, as typed (any case, with or without the dash). */
  async activate(code: string): Promise<ActivationResponse> {
    const reply = await fetch(`${this.baseUrl}/pos/v1/activation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, device: this.device } satisfies ActivationRequest),
    });
    const body: unknown = await reply.json().catch(() => null);
    if (reply.status !== 200) throw new TerminalRequestError(reply.status, body as TerminalRequestError['problem']);
    this.activation = ActivationResponse.parse(body);
    return this.activation;
  }
}
