import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import type { RequestOptions } from 'twilio/lib/base/RequestClient';

/** What the stub received, decoded as Twilio would read it. */
export interface TwilioStubRequest {
  method: string;
  path: string;
  /** From the Basic Authorization header; null when there was none. */
  credentials: { username: string; password: string } | null;
  contentType: string | undefined;
  form: Record<string, string>;
}

export interface TwilioStubReply {
  status: number;
  body: unknown;
}

export interface TwilioStub {
  /** http://127.0.0.1:<port> */
  readonly baseUrl: string;
  readonly requests: TwilioStubRequest[];
  /** The next request gets this reply instead of a created message. */
  replyOnce(reply: TwilioStubReply): void;
  close(): Promise<void>;
}

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-fA-F]{32})\/Messages\.json$/;

/**
 * A local stand-in for Twilio's Messages API on 127.0.0.1 and a random port. It answers like Twilio: 201
 * with the message resource for a well-formed request, 401 (code 20003) when the Basic credentials do not
 * match the account in the path, 404 for other paths.
 */
export async function startTwilioStub(account: { accountSid: string; authToken: string }): Promise<TwilioStub> {
  const requests: TwilioStubRequest[] = [];
  const queued: TwilioStubReply[] = [];

  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const request = decode(req, raw);
      requests.push(request);
      const reply = queued.shift() ?? answer(request, account);
      send(res, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    replyOnce: (reply) => void queued.push(reply),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A Twilio error body as the API sends it. */
export function twilioErrorBody(status: number, code: number, message: string): TwilioStubReply {
  return { status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } };
}

/** Twilio's HTTP client with every request sent to `baseUrl` instead of api.twilio.com (same path and query). */
export class RedirectingRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super({ timeout: 5_000 });
  }

  override request<TData>(options: RequestOptions<TData>) {
    const target = new URL(this.baseUrl);
    const uri = new URL(options.uri);
    uri.protocol = target.protocol;
    uri.host = target.host;
    return super.request<TData>({ ...options, uri: uri.toString() });
  }
}

function answer(request: TwilioStubRequest, account: { accountSid: string; authToken: string }): TwilioStubReply {
  const match = MESSAGES_PATH.exec(request.path);
  if (request.method !== 'POST' || !match) {
    return twilioErrorBody(404, 20404, `The requested resource ${request.path} was not found`);
  }
  const accountSid = match[1];
  const { credentials } = request;
  if (!credentials || credentials.username !== account.accountSid || credentials.password !== account.authToken || accountSid !== account.accountSid) {
    return twilioErrorBody(401, 20003, 'Authenticate');
  }
  const { To: to, From: from, Body: body } = request.form;
  if (!to || !from || !body) return twilioErrorBody(400, 21604, "A 'To' phone number is required.");
  const sid = `SM${randomBytes(16).toString('hex')}`;
  const now = new Date().toUTCString().replace('GMT', '+0000');
  return {
    status: 201,
    body: {
      account_sid: accountSid,
      api_version: '2010-04-01',
      body,
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from,
      messaging_service_sid: null,
      num_media: '0',
      num_segments: '1',
      price: null,
      price_unit: 'USD',
      sid,
      status: 'queued',
      subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media.json` },
      to,
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
    },
  };
}

function decode(req: IncomingMessage, raw: string): TwilioStubRequest {
  const authorization = req.headers.authorization ?? '';
  const basic = /^Basic (.+)$/.exec(authorization);
  let credentials: TwilioStubRequest['credentials'] = null;
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    credentials = { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  return {
    method: req.method ?? '',
    path: new URL(req.url ?? '/', 'http://stub').pathname,
    credentials,
    contentType: req.headers['content-type'],
    form: Object.fromEntries(new URLSearchParams(raw)),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: TwilioStubReply): void {
  res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(reply.body));
}
