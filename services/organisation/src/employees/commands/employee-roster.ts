import { Inject, Injectable } from '@nestjs/common';
import { DomainError, actorHeaders, type Actor } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import type { MessageBus } from '@elk/messaging';
import { CLOCK, EVENT_STORE, MESSAGE_BUS, busCommandMetadata, handleCommand, readStreamState, requestService, type BusHandlerContext, type Clock, type CommandResult } from '@elk/service-kit';
import { OrganisationProjections } from '../../organisation.projections';
import {
  NOT_FOUND_MESSAGE,
  employeeDecider,
  employeesStreamId,
  type EmployeeActor,
  type EmployeeCommand,
  type EmployeeEvent,
  type EmployeeRecord,
  type EmployeesState,
} from '../employee.decider';

/** Who acts, as the decider's rules about the Owner need it. */
export function employeeActor(actor: Actor): EmployeeActor {
  return { accountId: actor.accountId, role: actor.role };
}

/**
 * The steps every employee command takes: decide on the roster as it is (so that a broken rule refuses before
 * identity is touched), ask identity in the actor's name, then record the roster event. Recording re-reads and
 * re-decides on a version conflict; identity is not asked again (its commands are idempotent anyway).
 */
@Injectable()
export class EmployeeRoster {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: OrganisationProjections,
  ) {}

  now(): string {
    return this.clock.now().toISOString();
  }

  /** Decides on the roster as it is now without recording: throws when a rule is broken, `[]` when there is nothing to do. */
  async check(actor: Actor, command: EmployeeCommand): Promise<EmployeeEvent[]> {
    const { state } = await readStreamState(this.eventStore, employeesStreamId(actor.organisationId), employeeDecider);
    return employeeDecider.decide(command, state);
  }

  /** The employee's card as it is now; NOT_FOUND when there is none or it was deleted. */
  async employee(actor: Actor, employeeId: string): Promise<EmployeeRecord> {
    const { state } = await readStreamState(this.eventStore, employeesStreamId(actor.organisationId), employeeDecider);
    const employee = state.employees[employeeId];
    if (!employee || employee.deleted) throw new DomainError('NOT_FOUND', NOT_FOUND_MESSAGE);
    return employee;
  }

  askIdentity(subject: string, payload: unknown, actor: Actor, context: BusHandlerContext): Promise<unknown> {
    const { correlationId } = busCommandMetadata(context, actor.organisationId, actor.accountId);
    return requestService(this.bus, subject, payload, actorHeaders(actor, correlationId));
  }

  /** Records the command's events, then waits until the read model shows them. */
  async record(actor: Actor, command: EmployeeCommand, context: BusHandlerContext): Promise<CommandResult<EmployeeEvent, EmployeesState>> {
    const streamId = employeesStreamId(actor.organisationId);
    const result = await handleCommand(this.eventStore, streamId, employeeDecider, command, busCommandMetadata(context, actor.organisationId, actor.accountId));
    await this.projections.waitForStream(streamId, result.nextExpectedVersion);
    return result;
  }
}
