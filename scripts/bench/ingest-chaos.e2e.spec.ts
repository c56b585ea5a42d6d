import { EVENTS_SCHEMA } from '@elk/service-kit';
import { Client } from 'pg';
import { startBenchSystem, type BenchSystem } from './bench-system';
import { CHAOS_NATS_NAMESPACE, countSurvivors, pushThroughKills } from './ingest-chaos';
import { sellingTerminals, signUpMerchant } from './selling-terminals';

/**
 * «Never lose a sale» in CI: a short `bench:ingest --distributed --chaos`. A distributed ELK of its own (beside the run's,
 * on its own NATS namespace) whose sales-journal is killed with SIGKILL three times while four terminals push, and
 * started again; every acknowledged event must then be in the store and the journals exactly once.
 */
describe('bench:ingest --chaos', () => {
  let system: BenchSystem | undefined;

  beforeAll(async () => {
    // Its PostgreSQL sessions commit as production's do, waiting for the flush (not the test run's synchronous_commit=off,
    // jest.config.js): what is checked is what an acknowledged push survives, and the kills are timed against appends
    // that take their real while (at a few tenths of a ms each, the 200 events were all answered before the second kill).
    system = await startBenchSystem('distributed', { natsNamespace: CHAOS_NATS_NAMESPACE, restartServices: true, environment: { PGOPTIONS: '' } });
  }, 120_000);

  afterAll(() => system?.close());

  it('loses no acknowledged sale event and records none twice when sales-journal is killed mid-push', async () => {
    const merchant = await signUpMerchant(system!.url, 'ООО «Хаос»');
    const terminals = await sellingTerminals(merchant, 4);

    // The terminals give up on an answer after 3 s, as a hurried terminal would: a push the killed process took is
    // never answered.
    const load = await pushThroughKills(system!, terminals, { events: 200, batch: 10, kills: 3, requestTimeoutMs: 3_000, log: () => undefined });
    const report = await countSurvivors(system!, merchant, load);

    // Among the differences: any answer but 503 or the terminal's own timeout (a 500 reads as a refusal).
    expect(report.differences).toEqual([]);
    expect(report.kills).toHaveLength(3);
    // The kills cut pushes off: terminals waited in vain or were told to try later, and sent the same events again.
    expect(report.retriedEvents).toBeGreaterThan(0);
    const { accepted, duplicate, rejected } = report.load.outcomes;
    expect(accepted + duplicate + rejected).toBe(200);
    expect(rejected).toBe(report.pushed.orphans);
    expect(report.store).toMatchObject({ saleEvents: accepted + duplicate, rejections: rejected, chained: accepted + duplicate, chain: { events: accepted + duplicate, workplaces: 4, breaks: 0 } });

    // The count can fail: an acknowledged event taken out of the store is missed.
    const [taken] = [...load.answers].find(([, answer]) => answer.outcome === 'accepted')!;
    const database = new Client({ connectionString: system!.databaseUrl });
    await database.connect();
    try {
      expect((await database.query(`DELETE FROM "${EVENTS_SCHEMA}".events WHERE event_id = $1`, [taken])).rowCount).toBe(1);
    } finally {
      await database.end();
    }
    const tampered = await countSurvivors(system!, merchant, load, 0);
    expect(tampered.differences).toEqual(expect.arrayContaining(['acknowledged events lost: 1', `  ${taken} (accepted) is not in the store`]));
  }, 240_000);
});
