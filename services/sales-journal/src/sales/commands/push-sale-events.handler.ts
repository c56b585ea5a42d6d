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
import { DuplicateEventIdError, WrongExpectedVersionError, type EventMetadata, type EventStore, type NewEvent, type RecordedEvent, type StreamAppend } from '@elk/eventstore';
import type { DocumentStore } from '@elk/documents';
import { AnonymousCall, BusPayload, CLOCK, DOCUMENT_STORE, EVENT_STORE, busCommandMetadata, readStreamState, traceContext, type BusHandlerContext, type Clock, type StreamState } from '@elk/service-kit';
import { SALES_JOURNAL_QUEUE } from '../../sales-journal.queue';
import { salesCollection } from '../queries/sale-list.projection';
import { saleChainHash } from '../sale-chain';
import { SaleRefusal, saleDecider, saleStreamId, type SaleEvent, type SaleState } from '../sale.decider';

/** The register of what a workplace pushed: its refused events and its chain's head (`SaleEventRejected`, `SaleChainExtended`). */
export const saleRegisterStreamId = (organisationId: string, workplaceId: string) => `sale-register-${organisationId}-${workplaceId}`;

/** A push that loses a race with another push of the workplace (or with itself, retried) is decided again this many times. */
const PUSH_ATTEMPTS = 5;

const PRECEDING_REJECTED = 'Пропущено: отклонено предыдущее событие этой продажи';

/** One sale touched by the push: as stored, then as the push's accepted events leave it. */
interface SaleInPush extends StreamState<SaleState> {
  events: NewEvent[];
}

const rejected = (eventId: string, code: string, reason: string): PushedSaleEventResult => ({ eventId, outcome: 'rejected', reason, code, saleStatus: null });

@Controller()
export class PushSaleEventsHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
  ) {}

  /**
   * `POST /pos/v1/sales/events`: what the terminal the gateway authenticated pushed, for the cashier logged in on it.
   * Each event is accepted (recorded on its sale's stream, chained), a duplicate (its eventId is stored: the first
   * outcome) or rejected (the refusal recorded in the workplace's register; the sale's later events in this push are
   * skipped, not recorded). Everything is appended at once; a push that raced another is decided again.
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
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.push(command, metadata);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError || error instanceof DuplicateEventIdError)) throw error;
        if (attempt >= PUSH_ATTEMPTS) throw new DomainError('VERSION_CONFLICT', 'Касса одновременно передаёт другие события: повторите отправку');
      }
    }
  }

  private async push({ device, session, push }: PushSaleEvents, metadata: EventMetadata): Promise<PushSaleEventsResponse> {
    const { organisationId, workplaceId } = device;
    const registerId = saleRegisterStreamId(organisationId, workplaceId);
    const stored = new Map((await this.eventStore.readEventsById(push.events.map((event) => event.eventId))).map((event) => [event.eventId, event]));
    const register = await this.eventStore.readStream(registerId, { direction: 'backwards', maxCount: 1 });
    let head = register.events[0] ? SaleChainExtended.parse(register.events[0].data).head : null;

    const sales = new Map<string, SaleInPush>();
    const load = async (saleId: string) => {
      let sale = sales.get(saleId);
      if (!sale) sales.set(saleId, (sale = { ...(await readStreamState(this.eventStore, saleStreamId(organisationId, saleId), saleDecider)), events: [] }));
      return sale;
    };
    /** The sales with a refused event in this push: their later events are skipped. */
    const refused = new Set<string>();
    const rejections: NewEvent[] = [];
    const results: PushedSaleEventResult[] = [];
    let chained = 0;

    for (const pushed of push.events) {
      const { eventId, saleId } = pushed;
      const earlier = stored.get(eventId);
      if (earlier) {
        const outcome = await this.firstOutcome(earlier, organisationId, load);
        if (outcome.outcome === 'rejected') refused.add(saleId);
        results.push(outcome);
        continue;
      }
      if (refused.has(saleId)) {
        results.push(rejected(eventId, 'SALE_PRECEDING_REJECTED' satisfies SaleRefusalCode, PRECEDING_REJECTED));
        continue;
      }
      const sale = await load(saleId);
      const { type, payload } = pushedPayloadOf(pushed);
      const origin = { employee: session.employee, workplace: session.workplace, salesPoint: session.salesPoint, occurredAt: pushed.occurredAt, seq: pushed.seq };
      const event = { type, data: SaleEvents[type].schema.parse({ organisationId, saleId, origin, payload }) } as SaleEvent;
      try {
        if (type === 'SaleCreated' && sale.state.status === null && (await this.documents.collection(salesCollection).get(saleId))) {
          // Terminals choose sale ids: one another organisation's terminal already used is not taken over.
          throw new SaleRefusal('SALE_ID_TAKEN', 'Продажа с этим идентификатором уже есть в другой организации: создайте продажу с новым идентификатором');
        }
        saleDecider.decide({ type: 'RecordSaleEvent', event, cashier: session }, sale.state);
      } catch (error) {
        if (!(error instanceof SaleRefusal)) throw error;
        refused.add(saleId);
        rejections.push(this.rejection(pushed, type, error, { organisationId, workplaceId }, metadata));
        results.push(rejected(eventId, error.refusal, error.message));
        continue;
      }
      const previousHash = head?.hash ?? SALE_CHAIN_GENESIS;
      const chain: SaleChainLink = { workplaceId, previousHash, hash: saleChainHash(previousHash, { eventId, type, saleId, data: event.data }) };
      sale.events.push({ eventId, type, schemaVersion: SaleEvents[type].version, data: event.data, metadata: { ...metadata, chain } });
      sale.state = saleDecider.evolve(sale.state, event);
      head = { eventId, saleId, seq: pushed.seq, hash: chain.hash };
      chained++;
      results.push({ eventId, outcome: 'accepted', reason: null, code: null, saleStatus: sale.state.status });
    }

    if (chained > 0 || rejections.length > 0) {
      const extended = SaleChainExtended.parse({ organisationId, workplaceId, count: chained, head });
      const appends: StreamAppend[] = [
        ...[...sales].filter(([, sale]) => sale.events.length > 0).map(([saleId, sale]) => ({ streamId: saleStreamId(organisationId, saleId), events: sale.events, expectedVersion: expected(sale.version) })),
        {
          streamId: registerId,
          events: [...rejections, { eventId: randomUUID(), type: 'SaleChainExtended', schemaVersion: SaleRegisterEvents.SaleChainExtended.version, data: extended, metadata }],
          expectedVersion: expected(register.version),
        },
      ];
      // Answered once recorded, not once the journals show it: a terminal's queue must not wait on the cabinet's read
      // models (the lag between the two is what bench:ingest measures).
      await this.eventStore.appendToStreams(appends);
    }
    return { results, chainHead: head ? { seq: head.seq, hash: head.hash } : null };
  }

  /**
   * What an event stored earlier was answered: a sale event of the organisation is a duplicate (with its sale's status
   * now), a refusal in its register the same refusal; an id that names anything else is refused, and not recorded.
   */
  private async firstOutcome(earlier: RecordedEvent, organisationId: string, load: (saleId: string) => Promise<SaleInPush>): Promise<PushedSaleEventResult> {
    const { eventId } = earlier;
    const data = earlier.data as { organisationId?: unknown; saleId?: unknown };
    if (data.organisationId === organisationId && Object.hasOwn(SaleEvents, earlier.type)) {
      return { eventId, outcome: 'duplicate', reason: null, code: null, saleStatus: (await load(String(data.saleId))).state.status };
    }
    if (data.organisationId === organisationId && earlier.type === 'SaleEventRejected') {
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

function expected(version: number) {
  return version === 0 ? ('no-stream' as const) : version;
}
