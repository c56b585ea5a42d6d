import { RemoteError, type BroadcastListener } from './message-bus';

/**
 * What travels on the bus, shared by both adapters so that in-process messages go through the same JSON
 * as NATS ones: payloads are JSON text, replies an envelope that carries either the data or an error.
 */
type ReplyEnvelope = { ok: true; data?: unknown } | { ok: false; error: WireError };

interface WireError {
  code: string;
  message: string;
  details?: unknown;
}

export const INTERNAL_ERROR_CODE = 'INTERNAL';
const INTERNAL_ERROR: WireError = { code: INTERNAL_ERROR_CODE, message: 'Internal error' };

/** JSON text of a payload; `undefined` becomes the empty string. */
export function encodePayload(data: unknown): string {
  return JSON.stringify(data) ?? '';
}

export function decodePayload<T>(text: string): T {
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/** The reply to send for a handler's outcome. Anything that cannot be sent as JSON becomes INTERNAL. */
export function encodeReply(outcome: { ok: true; data: unknown } | { ok: false; error: unknown }): string {
  const envelope: ReplyEnvelope = outcome.ok ? { ok: true, data: outcome.data } : { ok: false, error: toWireError(outcome.error) };
  try {
    return JSON.stringify(envelope);
  } catch {
    return JSON.stringify({ ok: false, error: INTERNAL_ERROR } satisfies ReplyEnvelope);
  }
}

/** The reply's data, or the remote error it carries thrown as a RemoteError. */
export function decodeReply<R>(subject: string, text: string): R {
  const envelope = parseEnvelope(text);
  if (!envelope) throw new Error(`The reply on ${subject} is not a bus reply: is something else answering that subject?`);
  if (envelope.ok) return envelope.data as R;
  throw new RemoteError(subject, envelope.error.code, envelope.error.message, envelope.error.details);
}

function parseEnvelope(text: string): ReplyEnvelope | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<{ ok: unknown; error: Partial<WireError> }> | null;
    if (parsed?.ok === true) return parsed as ReplyEnvelope;
    if (parsed?.ok === false && typeof parsed.error?.code === 'string') return parsed as ReplyEnvelope;
  } catch {
    // not JSON
  }
  return undefined;
}

// Errors are matched by shape, not class: an error may come from another realm or another library.
function toWireError(error: unknown): WireError {
  if (typeof error !== 'object' || error === null) return INTERNAL_ERROR;
  const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
  if (typeof code !== 'string') return INTERNAL_ERROR;
  return { code, message: typeof message === 'string' ? message : code, ...(details === undefined ? {} : { details }) };
}

/** Gives a broadcast's payload to a listener: what fails (the JSON, the listener) is a warning, neither the broadcaster's problem nor the connection's. */
export function hear(listener: BroadcastListener, payload: string, subject: string): void {
  try {
    listener(decodePayload(payload), subject);
  } catch (error) {
    process.emitWarning(`A listener of ${subject} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
