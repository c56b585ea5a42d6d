import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  ActivationCodeSent,
  EmployeeView,
  IdentitySubjects,
  OrganisationSubjects,
  SalesPointView,
  actorHeaders,
  type Actor,
  type SendActivationCode,
} from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { RemoteError, type MessageBus } from '@elk/messaging';
import { CLOCK, EVENT_STORE, MESSAGE_BUS, busCommandMetadata, handleCommand, readStreamState, requestService, type BusHandlerContext, type Clock, type CommandResult } from '@elk/service-kit';
import { DevicesProjections } from '../devices.projections';
import { broadcastTerminalAccessChanged } from '../terminals/terminal-access-changed';
import { TERMINAL_SECRETS } from '../terminals/terminal-secrets.provider';
import type { TerminalSecrets } from '../terminals/terminal-secrets';
import { ActivationCodes } from './activation-codes';
import type { KnownNames } from './workplace.view';
import {
  ACTIVATION_CODE_TTL_MS,
  workplaceDecider,
  workplacesStreamId,
  type IssuedCode,
  type WorkplaceCommand,
  type WorkplaceEvent,
  type WorkplaceReferences,
  type WorkplacesState,
} from './workplace.decider';

/** A code made and kept (as HMACs), not yet sent: `send` sends it by SMS. */
export interface PreparedCode extends IssuedCode {
  /** When it was made: the time its command is recorded at, 24 hours before it expires. */
  issuedAt: string;
  send(): Promise<void>;
}

/**
 * The steps workplace commands share: look the sales point and employee up in organisation (in the actor's name, so
 * another organisation's are not found), decide on the workplaces as they are (so that a broken rule refuses before
 * an SMS goes), send the code through identity (which knows the phone), then record the events, wait until the
 * list shows them and tell the gateways (TerminalAccessChanged).
 */
@Injectable()
export class WorkplaceDesk {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(TERMINAL_SECRETS) private readonly secrets: TerminalSecrets,
    private readonly codes: ActivationCodes,
    private readonly projections: DevicesProjections,
  ) {}

  now(): string {
    return this.clock.now().toISOString();
  }

  async state(organisationId: string): Promise<WorkplacesState> {
    return (await readStreamState(this.eventStore, workplacesStreamId(organisationId), workplaceDecider)).state;
  }

  /** Decides on the workplaces as they are now without recording: throws when a rule is broken. */
  async check(command: WorkplaceCommand): Promise<WorkplaceEvent[]> {
    return workplaceDecider.decide(command, await this.state(command.organisationId));
  }

  async record(organisationId: string, accountId: string, command: WorkplaceCommand, context: BusHandlerContext): Promise<CommandResult<WorkplaceEvent, WorkplacesState>> {
    const streamId = workplacesStreamId(organisationId);
    const result = await handleCommand(this.eventStore, streamId, workplaceDecider, command, busCommandMetadata(context, organisationId, accountId));
    await this.projections.waitForStream(streamId, result.nextExpectedVersion);
    // A credential may have ended or moved to another sales point: the gateways ask again, and the list shows it now.
    await broadcastTerminalAccessChanged(this.bus, organisationId);
    return result;
  }

  /** Whether the sales point and the employee are the actor's organisation's, and their names. */
  async references(actor: Actor, context: BusHandlerContext, ids: { salesPointId: string; employeeId: string }): Promise<{ references: WorkplaceReferences; names: KnownNames }> {
    const [salesPoint, employee] = await Promise.all([
      this.askOrganisation(actor, context, OrganisationSubjects.GetSalesPoint, { salesPointId: ids.salesPointId }, SalesPointView),
      this.askOrganisation(actor, context, OrganisationSubjects.GetEmployee, { employeeId: ids.employeeId }, EmployeeView),
    ]);
    const names = new Map<string, string>();
    if (salesPoint) names.set(salesPoint.id, salesPoint.name);
    if (employee) names.set(employee.id, employee.fullName);
    return { references: { salesPointFound: salesPoint !== null, employeeFound: employee !== null }, names };
  }

  /** A new code for the workplace, kept as HMACs (voiding its older ones); sent by SMS to the employee on `send()`. */
  async prepareCode(actor: Actor, context: BusHandlerContext, target: { organisationId: string; workplaceId: string; workplaceName: string; employeeId: string }): Promise<PreparedCode> {
    const { code, lookup, secretHash } = this.secrets.newActivationCode();
    const codeId = randomUUID();
    const now = this.clock.now();
    const issuedAt = now.toISOString();
    const expiresAt = new Date(now.getTime() + ACTIVATION_CODE_TTL_MS).toISOString();
    await this.codes.keep(codeId, { organisationId: target.organisationId, workplaceId: target.workplaceId, lookup, secretHash, expiresAt, usedBy: null });
    const request: SendActivationCode = { accountId: target.employeeId, activationCode: code, workplaceName: target.workplaceName };
    return {
      codeId,
      issuedAt,
      expiresAt,
      send: async () => {
        ActivationCodeSent.parse(await this.request(IdentitySubjects.SendActivationCode, request, actor, context));
      },
    };
  }

  private async askOrganisation<T>(actor: Actor, context: BusHandlerContext, subject: string, payload: unknown, schema: { parse(data: unknown): T }): Promise<T | null> {
    try {
      return schema.parse(await this.request(subject, payload, actor, context));
    } catch (error) {
      if (error instanceof RemoteError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  /** A request in the actor's name. */
  private request(subject: string, payload: unknown, actor: Actor, context: BusHandlerContext): Promise<unknown> {
    const { correlationId } = busCommandMetadata(context, actor.organisationId, actor.accountId);
    return requestService(this.bus, subject, payload, actorHeaders(actor, correlationId));
  }
}
