import { decodePayload, decodeReply, encodePayload, encodeReply } from './bus-wire';
import { RemoteError } from './message-bus';

describe('bus wire format', () => {
  it('sends payloads as JSON, undefined as nothing', () => {
    expect(decodePayload(encodePayload({ at: new Date(0), n: 1 }))).toEqual({ at: '1970-01-01T00:00:00.000Z', n: 1 });
    expect(encodePayload(undefined)).toBe('');
    expect(decodePayload('')).toBeUndefined();
  });

  it('round-trips a reply', () => {
    expect(decodeReply('s', encodeReply({ ok: true, data: [1, 'two'] }))).toEqual([1, 'two']);
  });

  it('round-trips an error with a code, whatever its class', () => {
    const reply = encodeReply({ ok: false, error: { code: 'NOT_FOUND', message: 'Нет такого', details: { id: 'x' } } });
    expect(() => decodeReply('elk.catalog.qry.GetProduct', reply)).toThrow(
      expect.objectContaining({ name: 'RemoteError', subject: 'elk.catalog.qry.GetProduct', code: 'NOT_FOUND', message: 'Нет такого', details: { id: 'x' } }),
    );
  });

  it.each([
    ['an error without a code', new Error('secret')],
    ['a thrown string', 'secret'],
    ['an error whose details cannot be sent', Object.assign(new Error('secret'), { code: 'X', details: { big: 1n } })],
  ])('turns %s into INTERNAL with a generic message', (_, thrown) => {
    const error = catchError(() => decodeReply('s', encodeReply({ ok: false, error: thrown })));
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({ code: 'INTERNAL', message: 'Internal error', details: undefined });
  });

  it('turns a reply that cannot be sent as JSON into INTERNAL', () => {
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    expect(catchError(() => decodeReply('s', encodeReply({ ok: true, data: circular })))).toMatchObject({ code: 'INTERNAL' });
  });

  it.each(['{"stream":"ELK_EVENTS","seq":1}', 'not json', 'null'])('refuses a reply that is not a bus reply: %s', (text) => {
    expect(() => decodeReply('elk.x', text)).toThrow('The reply on elk.x is not a bus reply');
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
