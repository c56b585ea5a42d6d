/**
 * The push handler's cache on a real store, in both run modes: what a push costs in SQL statements (counted on the
 * database client), and that what one instance knows never decides wrongly when another instance, or a race, moved a
 * stream on — it costs a retry — nor when the cache, bounded, has dropped what a push needs.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { PGliteInterface } from '@electric-sql/pglite';
import { PushSaleEvents, SALE_CHAIN_GENESIS, SaleEvents, type PushedSaleEvent, type PushSaleEventsResponse, type SaleEventType } from '@elk/contracts';
import { PgliteEventStore, PostgresEventStore, type SqlEventStore } from '@elk/eventstore';
import { ContractPipe, systemClock } from '@elk/service-kit';
import { TEST_DATABASE_URL, openTestPglite, type TestPglite } from '@elk/testing';
import { Pool } from 'pg';
import { chainLinkOf, saleIntegrity, saleRegisterStreamId, saleStreamId } from '../src';
import { PushCache, type PushCacheSizes } from '../src/sales/commands/push-cache';
import { PushSaleEventsHandler } from '../src/sales/commands/push-sale-events.handler';
import { cash, completed, created, outcomes, renderedAll, shippedAll, terminalOf, wholeSale, type Terminal } from './sale-pushes';

describe.each(['embedded', 'distributed'] as const)('sale pushes decided from what the handler knows (%s)', (mode) => {
  let pglite: TestPglite | undefined;
  let pool: Pool | undefined;
  let schema: string;
  let store: SqlEventStore;
  /** SQL statements the store has sent since the test began. */
  let statements = 0;

  beforeAll(async () => {
    if (mode === 'embedded') pglite = await openTestPglite();
    else pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 4 });
  }, 30_000);
  beforeEach(async () => {
    schema = `pushes_${randomBytes(6).toString('hex')}`;
    store = mode === 'embedded' ? new PgliteEventStore({ db: counted(pglite!.db), schema }) : new PostgresEventStore({ connection: counted(pool!), schema });
    await store.ensureSchema();
    statements = 0;
  });
  afterEach(async () => {
    await store.close();
    const drop = `DROP SCHEMA "${schema}" CASCADE`;
    await (pool ? pool.query(drop) : pglite!.db.exec(drop));
  });
  afterAll(async () => {
    await pool?.end();
    await pglite?.close();
  });

  /** The database client, counting the statements sent through it. */
  function counted<Db extends Pick<PGliteInterface, 'query' | 'exec'> | Pool>(db: Db): Db {
    return new Proxy(db, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        if (property !== 'query') return value.bind(target);
        return (...args: unknown[]) => {
          // The PostgreSQL store's NOTIFY after appends is shared by every append of the next 10 ms: the log's, not a push's.
          if (!String((args[0] as { text?: string }).text ?? args[0]).includes('pg_notify')) statements++;
          return (value as (...args: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }

  /** A sales-journal instance's push handler on the shared store, with a cache of its own. */
  function instance(sizes?: Partial<PushCacheSizes>) {
    const handler = new PushSaleEventsHandler(store, systemClock, new PushCache(sizes));
    return (terminal: Terminal, events: PushedSaleEvent[]): Promise<PushSaleEventsResponse> => handler.execute(terminal.command(events), { actor: null, headers: {} });
  }

  /** How many statements the push takes, and its answer. */
  async function counting<T>(push: () => Promise<T>): Promise<{ statements: number; response: T }> {
    const before = statements;
    const response = await push();
    return { statements: statements - before, response };
  }

  const organisation = () => ({ organisationId: randomUUID(), salesPoint: { id: randomUUID(), name: 'Магазин у дома' } });
  const terminal = ({ organisationId, salesPoint }: ReturnType<typeof organisation>, number = 1) => terminalOf(organisationId, salesPoint, { number });
  const eventIds = async (saleId: string) => (await store.readStream(saleStreamId(saleId))).events.map((event) => event.eventId);

  /**
   * The events of a workplace in these sales, in the order its chain's links go from the genesis; and how many there
   * are, which is as many when the chain is one line (no two events after one, none unreached).
   */
  async function chainOf(terminal: Terminal, saleIds: string[]): Promise<{ walked: string[]; events: number }> {
    const streams = await store.readStreams(saleIds.map((saleId) => ({ streamId: saleStreamId(saleId) })));
    const events = streams.flatMap((stream) => stream.events).filter((event) => chainLinkOf(event)?.workplaceId === terminal.workplace.id);
    const byPrevious = new Map(events.map((event) => [chainLinkOf(event)!.previousHash, event]));
    const walked: string[] = [];
    for (let next = byPrevious.get(SALE_CHAIN_GENESIS); next; next = byPrevious.get(chainLinkOf(next)!.hash)) walked.push(next.eventId);
    expect(streams.map((stream) => saleIntegrity(stream.events).status)).toEqual(saleIds.map(() => 'confirmed'));
    return { walked, events: events.length };
  }

  /** The chain's head the workplace's register recorded last. */
  async function registerHead(terminal: Terminal): Promise<string | undefined> {
    const [last] = (await store.readStream(saleRegisterStreamId(terminal.device.organisationId, terminal.workplace.id), { direction: 'backwards', maxCount: 1 })).events;
    return (last?.data as { head: { eventId: string } | null } | undefined)?.head?.eventId;
  }

  it('appends a push of one event or of a hundred with one statement once it knows the workplace and the sales, and reads what it does not know in one', async () => {
    const push = instance();
    const till = terminal(organisation());
    const saleId = randomUUID();

    // The workplace's register, not known yet, is read; the sale it creates is taken as new.
    const first = await counting(() => push(till, [till.event(saleId, created(1))]));
    expect({ statements: first.statements, outcomes: outcomes(first.response) }).toEqual({ statements: 2, outcomes: [['accepted', 'created']] });
    const existingSale = await counting(() => push(till, [till.event(saleId, cash(35_000))]));
    expect({ statements: existingSale.statements, outcomes: outcomes(existingSale.response) }).toEqual({ statements: 1, outcomes: [['accepted', 'in-progress']] });
    const anotherSale = randomUUID();
    const newSale = await counting(() => push(till, [till.event(anotherSale, created(2))]));
    expect({ statements: newSale.statements, outcomes: outcomes(newSale.response) }).toEqual({ statements: 1, outcomes: [['accepted', 'created']] });

    const saleIds = Array.from({ length: 25 }, () => randomUUID());
    const hundred = saleIds.flatMap((id, index) => [till.event(id, created(10 + index)), till.event(id, cash(35_000)), till.event(id, shippedAll), till.event(id, renderedAll)]);
    const batch = await counting(() => push(till, hundred));
    expect(batch.statements).toBe(1);
    expect(new Set(batch.response.results.map((result) => result.outcome))).toEqual(new Set(['accepted']));

    // Another instance (or this one restarted) knows nothing: the register and the 25 sales in one read.
    const restarted = instance();
    const completions = await counting(() => restarted(till, saleIds.map((id) => till.event(id, completed))));
    expect(completions.statements).toBe(2);
    expect(new Set(outcomes(completions.response).map(([, status]) => status))).toEqual(new Set(['completed']));
    const chain = await chainOf(till, [saleId, anotherSale, ...saleIds]);
    expect({ walked: chain.walked.length, events: chain.events }).toEqual({ walked: 128, events: 128 });
    expect(await registerHead(till)).toBe(chain.walked.at(-1));
  });

  it('stores each event as its sale event schema reads it, composed from the push its contract parsed (no second parse)', async () => {
    const handler = new PushSaleEventsHandler(store, systemClock, new PushCache());
    const till = terminal(organisation());
    const saleId = randomUUID();
    // As the bus transport hands it over: the payload parsed by @BusPayload's pipe.
    const command = new ContractPipe(PushSaleEvents).transform(till.command(wholeSale(till, 1, saleId)));
    await handler.execute(command, { actor: null, headers: {} });

    const { events } = await store.readStream(saleStreamId(saleId));
    expect(events.length).toBeGreaterThan(5);
    for (const { type, data } of events) expect(SaleEvents[type as SaleEventType].schema.parse(data)).toEqual(data);
  });

  it('links one chain when two instances take turns with the pushes of one workplace', async () => {
    const [one, other] = [instance(), instance()];
    const till = terminal(organisation());
    const sales = [wholeSale(till, 1), wholeSale(till, 2)];

    for (let index = 0; index < 9; index++) {
      const response = await (index % 2 ? other : one)(till, [sales[0]![index]!, sales[1]![index]!]);
      expect(response.results.map((result) => result.outcome)).toEqual(['accepted', 'accepted']);
    }
    const chain = await chainOf(till, [sales[0]![0]!.saleId, sales[1]![0]!.saleId]);
    expect(chain.walked).toEqual(sales[0]!.flatMap((event, index) => [event.eventId, sales[1]![index]!.eventId]));
    expect(await registerHead(till)).toBe(sales[1]![8]!.eventId);
  });

  it('decides again from the store when another instance moved a sale on since this one knew it, whichever way the answer turns', async () => {
    const [one, other] = [instance(), instance()];
    const shop = organisation();
    const [front, back] = [terminal(shop, 1), terminal(shop, 2)];
    const paid = randomUUID();
    const cancelled = randomUUID();
    await one(front, [front.event(paid, created(1)), front.event(paid, cash(35_000)), front.event(cancelled, created(2))]);

    // The other instance ships the goods and cancels the other sale, pushed from another workplace.
    await other(back, [back.event(paid, shippedAll), back.event(paid, renderedAll), back.event(cancelled, { saleCancelled: { reason: 'Покупатель передумал' } })]);

    // Known as created, the other sale would take a payment: the append finds it moved on, and the push is decided again.
    expect(outcomes(await one(front, [front.event(cancelled, cash(100))]))).toEqual([['rejected', 'SALE_CANCELLED']]);
    expect(await eventIds(cancelled)).toHaveLength(2);
    // Known as unshipped, the sale would be refused completion: a refusal is always decided from the store.
    expect(outcomes(await one(front, [front.event(paid, completed)]))).toEqual([['accepted', 'completed']]);
    for (const [till, events] of [[front, 4], [back, 3]] as const) {
      const chain = await chainOf(till, [paid, cancelled]);
      expect({ walked: chain.walked.length, events: chain.events }).toEqual({ walked: events, events });
      expect(await registerHead(till)).toBe(chain.walked.at(-1));
    }
  });

  it("refuses another organisation's sale id on the append's expectation, and its events as of a sale not found", async () => {
    const [ours, theirs] = [instance(), instance()];
    const shop = terminal(organisation());
    const stranger = terminal(organisation());
    const saleId = randomUUID();
    await ours(shop, [shop.event(saleId, created(1))]);

    expect(outcomes(await theirs(stranger, [stranger.event(saleId, created(1)), stranger.event(saleId, cash(100))]))).toEqual([
      ['rejected', 'SALE_ID_TAKEN'],
      ['rejected', 'SALE_PRECEDING_REJECTED'],
    ]);
    expect(outcomes(await theirs(stranger, [stranger.event(saleId, cash(100))]))).toEqual([['rejected', 'SALE_NOT_FOUND']]);
    expect(await eventIds(saleId)).toHaveLength(1);
    expect(outcomes(await ours(shop, [shop.event(saleId, cash(100))]))).toEqual([['accepted', 'in-progress']]);
  });

  it('records each event once when two instances take the same push at once', async () => {
    const [one, other] = [instance(), instance()];
    const till = terminal(organisation());
    await one(till, [till.event(randomUUID(), created(1))]);
    await other(till, [till.event(randomUUID(), created(2))]);
    const batch = wholeSale(till, 3);

    const [first, second] = await Promise.all([one(till, batch), other(till, batch)]);
    batch.forEach((_, index) => expect([first.results[index]!.outcome, second.results[index]!.outcome].sort()).toEqual(['accepted', 'duplicate']));
    expect(await eventIds(batch[0]!.saleId)).toEqual(batch.map((event) => event.eventId));
    expect(first.chainHead).toEqual(second.chainHead);
  });

  it('reads again what its bounded cache dropped, the least recently used first, and decides as before', async () => {
    const push = instance({ sales: 2, registers: 1 });
    const shop = organisation();
    const [front, back] = [terminal(shop, 1), terminal(shop, 2)];
    const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];
    for (const saleId of [first, second, third]) await push(front, [front.event(saleId, created(1))]);

    // The first sale, least recently used, was dropped: it is read again; the third is known.
    const dropped = await counting(() => push(front, [front.event(first, cash(35_000))]));
    expect({ statements: dropped.statements, outcomes: outcomes(dropped.response) }).toEqual({ statements: 2, outcomes: [['accepted', 'in-progress']] });
    const kept = await counting(() => push(front, [front.event(third, cash(40_000))]));
    expect({ statements: kept.statements, outcomes: outcomes(kept.response) }).toEqual({ statements: 3, outcomes: [['rejected', 'SALE_OVERPAID']] });

    // One register kept: two workplaces taking turns each have theirs read again.
    const turns = [];
    for (const till of [back, front, back]) turns.push((await counting(() => push(till, [till.event(randomUUID(), created(2))]))).statements);
    expect(turns).toEqual([2, 2, 2]);
    expect((await chainOf(front, [first, second, third])).walked).toHaveLength(4);
  });
});
