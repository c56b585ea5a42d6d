import { SALE_CHAIN_GENESIS } from '@elk/contracts';
import { randomUUID } from 'node:crypto';
import { canonicalJson, canonicalTexts, SaleChainWalk, saleChainHash, saleIntegrity } from './sale-chain';

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

  it('hashes as the chains already stored were hashed: quotes, line breaks, Cyrillic, nulls and undefined in arrays', () => {
    const data = {
      organisationId: 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b',
      saleId,
      payload: { number: 'Ч-1', lines: [{ line: 1, name: 'Кофе "Арабика"\n', price: 15000, vat: null, marks: [] }], note: undefined, total: 15000, nested: [undefined, { z: 1, a: [true, false, null] }] },
    };
    expect(canonicalJson(data)).toBe(
      `{"organisationId":"f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b","payload":{"lines":[{"line":1,"marks":[],"name":"Кофе \\"Арабика\\"\\n","price":15000,"vat":null}],"nested":[null,{"a":[true,false,null],"z":1}],"number":"Ч-1","total":15000},"saleId":"${saleId}"}`,
    );
    // Pinned: a change to the hash would break every chain stored before it.
    expect(saleChainHash(SALE_CHAIN_GENESIS, { eventId: '0b8f1f6e-6d0c-4a51-9a55-0d6c2f7c1a01', type: 'SaleCreated', saleId: '5a3c1b2e-8f4d-4e6a-9b7c-1d2e3f4a5b6c', data: { ...data, saleId: '5a3c1b2e-8f4d-4e6a-9b7c-1d2e3f4a5b6c' } })).toBe(
      '6e5b1aea0a58451f21422101b4136a1c8e5f8e3dee7ab5758d242256588bad8a',
    );
  });

  it("hashes a push's events alike with the session's texts made once for all of them", () => {
    const employee = { name: 'Иванов Иван', id: randomUUID(), role: 'cashier' };
    const workplace = { number: 2, id: workplaceId, name: 'Касса "2"' };
    const salesPoint = { id: randomUUID(), name: 'Магазин' };
    const texts = canonicalTexts([employee, workplace, salesPoint]);
    expect(texts.get(workplace)).toBe(`{"id":"${workplaceId}","name":"Касса \\"2\\"","number":2}`);
    for (const seq of [1, 2]) {
      const event = { eventId: randomUUID(), type: 'PaymentReceived', saleId, data: { saleId, origin: { workplace, employee, salesPoint, seq, occurredAt: '2026-12-07T12:00:00+03:00' }, payload: { amount: 100 } } };
      expect(saleChainHash(SALE_CHAIN_GENESIS, event, texts)).toBe(saleChainHash(SALE_CHAIN_GENESIS, structuredClone(event)));
    }
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

describe('the walk of the log', () => {
  const organisationId = '11111111-1111-4111-8111-111111111111';
  const [saleA, saleB] = [randomUUID(), randomUUID()];

  /** A workplace's pushes as the log holds them: each push one transaction, its sales' events stream by stream, then the register's head. */
  function workplaceLog(): Array<Parameters<SaleChainWalk['take']>[0]> {
    let head = SALE_CHAIN_GENESIS;
    let transactionId = 0n;
    const metadata = { organisationId, actor: 'a', correlationId: 'c', causationId: 'c', workplaceId };
    const push = (chainOrder: Array<[string, number]>, logOrder: number[]) => {
      transactionId++;
      const chained = chainOrder.map(([saleId, amount]) => {
        const eventId = randomUUID();
        const data = { organisationId, saleId, payload: { amount } };
        const link = { workplaceId, previousHash: head, hash: saleChainHash(head, { eventId, type: 'PaymentReceived', saleId, data }) };
        head = link.hash;
        return { eventId, type: 'PaymentReceived', data, metadata: { ...metadata, chain: link }, transactionId };
      });
      const last = chained.at(-1)!;
      const register = { eventId: randomUUID(), type: 'SaleChainExtended', data: { organisationId, workplaceId, count: chained.length, head: { eventId: last.eventId, saleId: last.data.saleId, seq: 1, hash: head } }, metadata, transactionId };
      return [...logOrder.map((index) => chained[index]!), register];
    };
    // The first push chains A, B, A but appends A's stream before B's.
    return [...push([[saleA, 100], [saleB, 200], [saleA, 300]], [0, 2, 1]), ...push([[saleB, 400]], [0])];
  }
  const walk = (events: Array<Parameters<SaleChainWalk['take']>[0]>, organisation: string | null = null) => {
    const walker = new SaleChainWalk(organisation);
    for (const event of events) walker.take(event);
    return walker.finish();
  };

  it("follows a workplace's links within each push, whatever order the push appended its sales in", () => {
    expect(walk(workplaceLog())).toEqual({ events: 4, workplaces: 1, breaks: [] });
    expect(walk(workplaceLog(), randomUUID())).toEqual({ events: 0, workplaces: 0, breaks: [] });
  });

  it('names an altered event, the event after a removed one, and the head of a push whose last events were removed', () => {
    const log = workplaceLog();
    const [a1, a2, b1, , b2] = log;
    const altered = log.map((event) => (event === a2 ? { ...event, data: { ...(event.data as object), payload: { amount: 301 } } } : event));
    expect(walk(altered).breaks).toEqual([{ workplaceId, eventId: a2!.eventId, saleId: saleA, reason: 'событие изменено: его хеш не сходится с цепочкой' }]);
    expect(walk(log.filter((event) => event !== b1)).breaks).toEqual([{ workplaceId, eventId: a2!.eventId, saleId: saleA, reason: 'предыдущего события цепочки нет: оно удалено или изменено' }]);
    expect(walk(log.filter((event) => event !== a1)).breaks[0]).toMatchObject({ eventId: b1!.eventId });
    expect(walk(log.filter((event) => event !== b2)).breaks).toEqual([
      { workplaceId, eventId: b2!.eventId, saleId: saleB, reason: 'событие, которым по реестру рабочего места кончается пакет, не найдено: события удалены' },
    ]);
  });
});
