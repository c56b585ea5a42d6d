import { SALE_CHAIN_GENESIS } from '@elk/contracts';
import { canonicalJson, saleChainHash, saleIntegrity } from './sale-chain';

const saleId = '21111111-1111-4111-8111-111111111111';
const workplaceId = '41111111-1111-4111-8111-111111111111';

/** Events chained as the push chains them, each with its link in the metadata. */
function chained(datas: Array<Record<string, unknown>>) {
  let previousHash = SALE_CHAIN_GENESIS;
  return datas.map((data, index) => {
    const eventId = `0000000${index}-1111-4111-8111-111111111111`;
    const hash = saleChainHash(previousHash, { eventId, type: 'PaymentReceived', saleId, data });
    const event = { eventId, type: 'PaymentReceived', data, metadata: { organisationId: 'o', actor: 'a', correlationId: 'c', causationId: 'c', chain: { workplaceId, previousHash, hash } } };
    previousHash = hash;
    return event;
  });
}

describe('the sale chain', () => {
  it('hashes the same content alike whatever the order of its keys, as a database may store it', () => {
    expect(canonicalJson({ b: [1, { d: null, c: 'x' }], a: 1.5, skipped: undefined })).toBe('{"a":1.5,"b":[1,{"c":"x","d":null}]}');
    const event = { eventId: 'e', type: 'SaleCreated', saleId };
    expect(saleChainHash(SALE_CHAIN_GENESIS, { ...event, data: { saleId, payload: { amount: 100, method: 'cash' } } })).toBe(
      saleChainHash(SALE_CHAIN_GENESIS, { ...event, data: { payload: { method: 'cash', amount: 100 }, saleId } }),
    );
    expect(saleChainHash(SALE_CHAIN_GENESIS, { ...event, data: { saleId } })).toMatch(/^[0-9a-f]{64}$/);
  });

  it("confirms a sale's events as chained, and names the first one whose content or link was changed", () => {
    const events = chained([{ saleId, payload: { amount: 100 } }, { saleId, payload: { amount: 200 } }, { saleId, payload: { amount: 300 } }]);
    expect(saleIntegrity(events)).toEqual({ status: 'confirmed', brokenEventId: null });

    const altered = events.map((event, index) => (index === 1 ? { ...event, data: { saleId, payload: { amount: 250 } } } : event));
    expect(saleIntegrity(altered)).toEqual({ status: 'broken', brokenEventId: events[1]!.eventId });

    const unlinked = events.map((event, index) => (index === 2 ? { ...event, metadata: { ...event.metadata, chain: undefined } } : event));
    expect(saleIntegrity(unlinked)).toEqual({ status: 'broken', brokenEventId: events[2]!.eventId });
  });
});
