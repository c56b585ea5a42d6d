import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { DomainError, type Actor, type GetSalesPoint, type History, GetSalesPointHistory, OrganisationSubjects } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import type { MessageBus } from '@elk/messaging';
import { EVENT_STORE, MESSAGE_BUS, recordHistory, withActorNames, BusPayload, BusActor, type BusHandlerContext } from '@elk/service-kit';
import { NOT_FOUND_MESSAGE, salesPointDecider, salesPointStreamId } from '../sales-point.decider';
import { ORGANISATION_QUEUE } from '../../organisation.queue';

const ACTIONS = { SalesPointAdded: 'created', SalesPointUpdated: 'updated', SalesPointPaymentMethodsSet: 'updated', SalesPointDeleted: 'deleted' } as const;

@Controller()
export class GetSalesPointHistoryHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  /** «История изменений» from the sales point's stream (in the actor's organisation only), oldest first. */
  @MessagePattern(OrganisationSubjects.GetSalesPointHistory, { queue: ORGANISATION_QUEUE })
  async execute(@BusPayload(GetSalesPointHistory) query: GetSalesPoint, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<History> {
    const { events } = await this.eventStore.readStream(salesPointStreamId(actor.organisationId, query.salesPointId));
    const drafts = recordHistory(events, {
      decider: salesPointDecider,
      recordIn: (state) => state.point ?? undefined,
      actionOf: (event) => ACTIONS[event.type],
      tracked: ['name', 'legalEntityId', 'address', 'brand', 'paymentMethods'],
    });
    if (drafts.length === 0) throw new DomainError('NOT_FOUND', NOT_FOUND_MESSAGE);
    return withActorNames(this.bus, drafts, actor, context);
  }
}
