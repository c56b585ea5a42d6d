import { randomUUID } from 'node:crypto';
import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { ActivateDevice, DevicesSubjects, type ActivationResponse } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import type { MessageBus } from '@elk/messaging';
import { CLOCK, EVENT_STORE, MESSAGE_BUS, busCommandMetadata, handleCommand, readStreamState, BusPayload, AnonymousCall, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { DevicesProjections } from '../devices.projections';
import { DEVICES_QUEUE } from '../devices.queue';
import { ActivationCodes, type ActivationCodeRecord } from '../workplaces/activation-codes';
import { unknownCodeError, workplaceDecider, workplacesStreamId, wrongCodeError, type WorkplaceCommand, type WorkplaceRecord } from '../workplaces/workplace.decider';
import { broadcastTerminalAccessChanged } from './terminal-access-changed';
import { TERMINAL_SECRETS } from './terminal-secrets.provider';
import type { TerminalSecrets } from './terminal-secrets';

/** Who a terminal's try is recorded as when its workplace is gone; otherwise the employee the code went to (the history names them). */
const TERMINAL_ACTOR = 'terminal';

@Controller()
export class ActivateDeviceHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(TERMINAL_SECRETS) private readonly secrets: TerminalSecrets,
    private readonly codes: ActivationCodes,
    private readonly projections: DevicesProjections,
  ) {}

  /**
   * `POST /pos/v1/activation`: the code's first characters find its workplace; the right code activates it and gives
   * the device its credential, a wrong one counts against that workplace's code. The same device presenting the same
   * code again (it never got the answer) gets the same credential; any other use of a used code is refused.
   */
  @MessagePattern(DevicesSubjects.ActivateDevice, { queue: DEVICES_QUEUE })
  @AnonymousCall()
  async execute(@BusPayload(ActivateDevice) command: ActivateDevice, @Ctx() context: BusHandlerContext): Promise<ActivationResponse> {
    const { code, device } = command.activation;
    const candidates = await this.codes.withLookup(this.secrets.lookupOf(code));
    const matching = candidates.find(({ record }) => this.secrets.codeMatches(code, record.secretHash));
    if (!matching) {
      // Codes that begin alike are rare; a wrong try counts against each of them.
      for (const { codeId, record } of candidates) await this.record(record, { type: 'TryWrongCode', organisationId: record.organisationId, workplaceId: record.workplaceId, codeId, at: this.now() }, context);
      throw unknownCodeError();
    }
    const { codeId, record } = matching;
    const retriedCredential = record.usedBy?.serial === device.serial ? record.usedBy.credentialId : null;
    if (record.usedBy && !retriedCredential) throw unknownCodeError();
    const credentialId = retriedCredential ?? randomUUID();
    if ((await this.workplace(record))?.credentialId !== credentialId) {
      // Remembered before the activation is recorded: a retry after a failure in between gets this same credential.
      await this.codes.markUsed(codeId, { serial: device.serial, credentialId });
      await this.record(record, { type: 'Activate', organisationId: record.organisationId, workplaceId: record.workplaceId, codeId, credentialId, device, at: this.now() }, context);
    }
    const workplace = await this.workplace(record);
    if (workplace?.credentialId !== credentialId) throw unknownCodeError();
    return { credential: this.secrets.credentialFor(credentialId), organisationId: record.organisationId, workplaceId: record.workplaceId, salesPointId: workplace.salesPointId };
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  private async workplace(record: ActivationCodeRecord): Promise<WorkplaceRecord | undefined> {
    const { state } = await readStreamState(this.eventStore, workplacesStreamId(record.organisationId), workplaceDecider);
    const workplace = state.workplaces[record.workplaceId];
    return workplace && !workplace.deleted ? workplace : undefined;
  }

  /** Records a terminal's try; a wrong code is refused with the tries left once the try is recorded. */
  private async record(record: ActivationCodeRecord, command: WorkplaceCommand, context: BusHandlerContext): Promise<void> {
    const streamId = workplacesStreamId(record.organisationId);
    const actor = (await this.workplace(record))?.employeeId ?? TERMINAL_ACTOR;
    const result = await handleCommand(this.eventStore, streamId, workplaceDecider, command, busCommandMetadata(context, record.organisationId, actor));
    await this.projections.waitForStream(streamId, result.nextExpectedVersion);
    // A new credential replaces the workplace's old one.
    await broadcastTerminalAccessChanged(this.bus, record.organisationId);
    const failed = result.newEvents.find((event) => event.type === 'WorkplaceActivationFailed');
    if (failed) throw wrongCodeError(failed.data.triesLeft);
  }
}
