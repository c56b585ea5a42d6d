import { randomUUID } from 'node:crypto';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern } from '@nestjs/microservices';
import {
  DomainError,
  PushSaleEvents,
  SALE_CHAIN_GENESIS,
  SaleChainExtended,
  SaleEventRejected,
  SaleEvents,
  SaleRegisterEvents,
  SalesJournalSubjects,
  pushedPayloadOf,
  type PushedSaleEvent,
  type PushedSaleEventResult,
  type PushSaleEventsResponse,
  type SaleChainLink,
  type SaleRefusalCode,
} from '@elk/contracts';
import {
  DuplicateEventIdError,
  WrongExpectedVersionError,
  type EventMetadata,
  type EventStore,
  type NewEvent,
  type ReadStreamResult,
  type RecordedEvent,
  type StreamAppend,
  type StreamRead,
} from '@elk/eventstore';
import { AnonymousCall, BusPayload, CLOCK, EVENT_STORE, busCommandMetadata, foldStream, traceContext, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { SALES_JOURNAL_QUEUE } from '../../sales-journal.queue';
import { canonicalTexts, saleChainHash } from '../sale-chain';
import { SaleRefusal, initialSaleState, saleDecider, saleStreamId, type SaleEvent } from '../sale.decider';
import { PushCache, type KnownRegister, type KnownSale } from './push-cache';

/** The register of what a workplace pushed: its refused events and its chain's head (`SaleEventRejected`, `SaleChainExtended`). */
export const saleRegisterStreamId = (organisationId: string, workplaceId: string) => `sale-register-${organisationId}-${workplaceId}`;

/** A push that loses a race with another push of the workplace (or with itself, retried) is decided again from the store this many times. */
const PUSH_ATTEMPTS = 5;

const PRECEDING_REJECTED = 'Пропущено: отклонено предыдущее событие этой продажи';

/** One sale touched by the push: as stored, then as the push's accepted events leave it. */
interface SaleInPush extends KnownSale {
  events: NewEvent[];
  /** Whether an event of the push was decided on it: then the append checks that it is still at `version`. */
  decided: boolean;
}

const rejected = (eventId: string, code: string, reason: string): PushedSaleEventResult => ({ eventId, outcome: 'rejected', reason, code, saleStatus: null });

@Controller()
export class PushSaleEventsHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PushCache) private readonly cache: PushCache,
  ) {}

  /**
   * `POST /pos/v1/sales/events`: what the terminal the gateway authenticated pushed, for the cashier logged in on it.
   * Each event is accepted (recorded on its sale's stream, chained), a duplicate (its eventId is stored: the first
   * outcome) or rejected (the refusal recorded in the workplace's register; the sale's later events in this push are
   * skipped, not recorded). Everything is appended at once, each stream decided from at the version it was read at.
   *
   * A push is first decided from what this instance knows (PushCache) as if every event were new, the sales it does
   * not know read in one statement (or taken as new when the push creates them): usually nothing is read at all. If
   * that decision refuses anything, or the append finds a stream moved on or an event id stored, the push is decided
   * again from the store, its event ids looked up: a race, a duplicate or a stale cache costs a retry, never a wrong
   * answer.
   */
  @MessagePattern(SalesJournalSubjects.PushSaleEvents, { queue: SALES_JOURNAL_QUEUE })
  @AnonymousCall()
  async execute(@BusPayload(PushSaleEvents) command: PushSaleEvents, @Ctx() context: BusHandlerContext): Promise<PushSaleEventsResponse> {
    const { device, session } = command;
    const metadata: EventMetadata = {
      ...busCommandMetadata(context, device.organisationId, session.employee.id),
      ...traceContext(),
      workplaceId: device.workplaceId,
      deviceCredentialId: device.credentialId,
    };
    let fromStore = false;
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await this.push(command, metadata, fromStore);
        if (response) return response;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError || error instanceof DuplicateEventIdError)) throw error;
        if (attempt >= PUSH_ATTEMPTS) throw new DomainError('VERSION_CONFLICT', 'Касса одновременно передаёт другие события: повторите отправку');
      }
      fromStore = true;
    }
  }

  /**
   * One decision of the push and its append. `fromStore`: every stream read now and the event ids looked up (what
   * today's store holds decides); otherwise the cache, and undefined when the decision refused an event (for a
   * refusal, like a duplicate, is answered from the store).
   */
  private async push({ device, session, push }: PushSaleEvents, metadata: EventMetadata, fromStore: boolean): Promise<PushSaleEventsResponse | undefined> {
    const { organisationId, workplaceId } = device;
    const registerId = saleRegisterStreamId(organisationId, workplaceId);
    const stored = new Map(fromStore ? (await this.eventStore.readEventsById(push.events.map((event) => event.eventId))).map((event) => [event.eventId, event]) : []);
    const saleIds = new Set([...push.events.map((event) => event.saleId), ...[...stored.values()].flatMap((event) => saleOf(event, organisationId) ?? [])]);
    const { register, sales } = await this.streamsOf(registerId, push.events, [...saleIds], fromStore);
    let head = register.head;
    /** The sales with a refused event in this push: their later events are skipped. */
    const refused = new Set<string>();
    const rejections: NewEvent[] = [];
    const results: PushedSaleEventResult[] = [];
    let chained = 0;
    // Every event's origin holds the session's employee, workplace and sales point: their chain text is made once a push.
    const sessionTexts = canonicalTexts([session.employee, session.workplace, session.salesPoint]);

    for (const pushed of push.events) {
      const { eventId, saleId } = pushed;
      const earlier = stored.get(eventId);
      if (earlier) {
        const outcome = this.firstOutcome(earlier, organisationId, sales);
        if (outcome.outcome === 'rejected') refused.add(saleId);
        results.push(outcome);
        continue;
      }
      if (refused.has(saleId)) {
        results.push(rejected(eventId, 'SALE_PRECEDING_REJECTED' satisfies SaleRefusalCode, PRECEDING_REJECTED));
        continue;
      }
      const sale = sales.get(saleId)!;
      sale.decided = true;
      const { type, payload } = pushedPayloadOf(pushed);
      const origin = { employee: session.employee, workplace: session.workplace, salesPoint: session.salesPoint, occurredAt: pushed.occurredAt, seq: pushed.seq };
      // Its parts were parsed with the push's contract (the payloads by the sale events' own schemas, the origin from the
      // session's): parsing the event's data again would change nothing, at the cost of a second walk of every event.
      const event = { type, data: { organisationId, saleId, origin, payload } } as SaleEvent;
      // Another organisation's sale is not this organisation's to see: as if there were none, save that its id is taken.
      const foreign = sale.owner !== null && sale.owner !== organisationId;
      try {
        if (foreign && type === 'SaleCreated') {
          throw new SaleRefusal('SALE_ID_TAKEN', 'Продажа с этим идентификатором уже есть в другой организации: создайте продажу с новым идентификатором');
        }
        saleDecider.decide({ type: 'RecordSaleEvent', event, cashier: session }, foreign ? initialSaleState : sale.state);
      } catch (error) {
        if (!(error instanceof SaleRefusal)) throw error;
        if (!fromStore) return undefined;
        refused.add(saleId);
        rejections.push(this.rejection(pushed, type, error, { organisationId, workplaceId }, metadata));
        results.push(rejected(eventId, error.refusal, error.message));
        continue;
      }
      const previousHash = head?.hash ?? SALE_CHAIN_GENESIS;
      const chain: SaleChainLink = { workplaceId, previousHash, hash: saleChainHash(previousHash, { eventId, type, saleId, data: event.data }, sessionTexts) };
      sale.events.push({ eventId, type, schemaVersion: SaleEvents[type].version, data: event.data, metadata: { ...metadata, chain } });
      sale.state = saleDecider.evolve(sale.state, event);
      sale.owner = organisationId;
      head = { eventId, saleId, seq: pushed.seq, hash: chain.hash };
      chained++;
      results.push({ eventId, outcome: 'accepted', reason: null, code: null, saleStatus: sale.state.status });
    }

    if (chained > 0 || rejections.length > 0) {
      const decided = [...sales].filter(([, sale]) => sale.decided);
      const extended = SaleChainExtended.parse({ organisationId, workplaceId, count: chained, head });
      const appends: StreamAppend[] = [
        // A sale decided on but given no event (its event refused) is only checked: the refusal was decided on it as it is.
        ...decided.map(([saleId, sale]) => ({ streamId: saleStreamId(saleId), events: sale.events, expectedVersion: expected(sale.version) })),
        {
          streamId: registerId,
          events: [...rejections, { eventId: randomUUID(), type: 'SaleChainExtended', schemaVersion: SaleRegisterEvents.SaleChainExtended.version, data: extended, metadata }],
          expectedVersion: expected(register.version),
        },
      ];
      let versions: number[];
      try {
        // Answered once recorded, not once the journals show it: a terminal's queue must not wait on the cabinet's read
        // models (the lag between the two is what bench:ingest measures).
        versions = (await this.eventStore.appendToStreams(appends)).map((result) => result.nextExpectedVersion);
      } catch (error) {
        // Whatever made it fail (a stream moved on, or a lost answer to a commit), what the push knew is not to be trusted.
        this.cache.registers.forget(registerId);
        for (const [saleId] of decided) this.cache.sales.forget(saleStreamId(saleId));
        throw error;
      }
      decided.forEach(([saleId, { owner, state }], index) => this.cache.sales.learn(saleStreamId(saleId), { owner, state, version: versions[index]! }));
      this.cache.registers.learn(registerId, { version: versions.at(-1)!, head });
    }
    return { results, chainHead: head ? { seq: head.seq, hash: head.hash } : null };
  }

  /**
   * The register and the sales the push decides from: from the store when `fromStore`; otherwise from the cache, a sale
   * the cache does not know and the push creates taken as new (the append's no-stream expectation checks it), and what
   * is left read. Whatever is read is read in one statement, and learned.
   */
  private async streamsOf(registerId: string, pushed: readonly PushedSaleEvent[], saleIds: string[], fromStore: boolean): Promise<{ register: KnownRegister; sales: Map<string, SaleInPush> }> {
    const firstTypes = new Map<string, string>();
    for (const event of pushed) if (!firstTypes.has(event.saleId)) firstTypes.set(event.saleId, pushedPayloadOf(event).type);
    const sales = new Map<string, SaleInPush>();
    const toRead: string[] = [];
    for (const saleId of saleIds) {
      const known = fromStore ? undefined : this.cache.sales.get(saleStreamId(saleId));
      if (known) sales.set(saleId, { ...known, events: [], decided: false });
      else if (!fromStore && firstTypes.get(saleId) === 'SaleCreated') sales.set(saleId, { owner: null, state: initialSaleState, version: 0, events: [], decided: false });
      else toRead.push(saleId);
    }
    const cachedRegister = fromStore ? undefined : this.cache.registers.get(registerId);
    const reads: StreamRead[] = toRead.map((saleId) => ({ streamId: saleStreamId(saleId) }));
    if (!cachedRegister) reads.push({ streamId: registerId, direction: 'backwards', maxCount: 1 });
    const read = reads.length > 0 ? await this.eventStore.readStreams(reads) : [];
    toRead.forEach((saleId, index) => {
      const known = knownSale(read[index]!);
      this.cache.sales.learn(saleStreamId(saleId), known);
      sales.set(saleId, { ...known, events: [], decided: false });
    });
    const register = cachedRegister ?? knownRegister(read.at(-1)!);
    if (!cachedRegister) this.cache.registers.learn(registerId, register);
    return { register, sales };
  }

  /**
   * What an event stored earlier was answered: a sale event of the organisation is a duplicate (with its sale's status
   * now), a refusal in its register the same refusal; an id that names anything else is refused, and not recorded.
   */
  private firstOutcome(earlier: RecordedEvent, organisationId: string, sales: ReadonlyMap<string, SaleInPush>): PushedSaleEventResult {
    const { eventId } = earlier;
    const saleId = saleOf(earlier, organisationId);
    if (saleId !== null) return { eventId, outcome: 'duplicate', reason: null, code: null, saleStatus: sales.get(saleId)!.state.status };
    if ((earlier.data as { organisationId?: unknown }).organisationId === organisationId && earlier.type === 'SaleEventRejected') {
      const { code, reason } = SaleEventRejected.parse(earlier.data);
      return rejected(eventId, code, reason);
    }
    return rejected(eventId, 'EVENT_ID_TAKEN' satisfies SaleRefusalCode, 'Идентификатор события уже занят другим событием: создайте новый');
  }

  private rejection(pushed: PushedSaleEvent, type: string, refusal: SaleRefusal, where: { organisationId: string; workplaceId: string }, metadata: EventMetadata): NewEvent {
    const data = SaleEventRejected.parse({ ...where, saleId: pushed.saleId, type, seq: pushed.seq, code: refusal.refusal, reason: refusal.message, rejectedAt: this.clock.now().toISOString() });
    return { eventId: pushed.eventId, type: 'SaleEventRejected', schemaVersion: SaleRegisterEvents.SaleEventRejected.version, data, metadata };
  }
}

/** The sale of a stored event when it is a sale event of the organisation, else null. */
function saleOf(event: RecordedEvent, organisationId: string): string | null {
  const data = event.data as { organisationId?: unknown; saleId?: unknown };
  return data.organisationId === organisationId && Object.hasOwn(SaleEvents, event.type) ? String(data.saleId) : null;
}

/** A sale's whole stream as read: whose it is, and its state. */
function knownSale(stream: ReadStreamResult): KnownSale {
  const [first] = stream.events;
  const owner = first ? String((first.data as { organisationId?: unknown }).organisationId) : null;
  return { owner, ...foldStream(saleDecider, stream) };
}

/** A register's last event as read: the chain's head it recorded (every append to a register ends with one). */
function knownRegister(stream: ReadStreamResult): KnownRegister {
  const [last] = stream.events;
  return { version: stream.version, head: last ? SaleChainExtended.parse(last.data).head : null };
}

function expected(version: number) {
  return version === 0 ? ('no-stream' as const) : version;
}
