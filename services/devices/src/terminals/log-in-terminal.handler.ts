import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern } from '@nestjs/microservices';
import { DevicesSubjects, HEADER_CORRELATION_ID, IdentitySubjects, LogInTerminal, OpenedTerminalSession, type TerminalLogIn } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import type { MessageBus } from '@elk/messaging';
import { DOCUMENT_STORE, MESSAGE_BUS, BusPayload, AnonymousCall, busCommandMetadata, requestService, type BusHandlerContext } from '@elk/service-kit';
import { DEVICES_QUEUE } from '../devices.queue';
import { OrganisationDirectory } from '../organisation-directory/organisation-directory';
import { terminalSalesPoint, terminalWorkplace } from './terminal-sales-point';
import { terminalSessionView } from './terminal-session.view';

@Controller()
export class LogInTerminalHandler {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly directory: OrganisationDirectory,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
  ) {}

  /**
   * `POST /pos/v1/sessions`: identity checks the PIN-code and opens the device's session; the answer adds what the role
   * may take at the terminal's sales point. The sales point is looked at first, so that a terminal whose settings are
   * not ready yet opens no session it could not be told about.
   */
  @MessagePattern(DevicesSubjects.LogInTerminal, { queue: DEVICES_QUEUE })
  @AnonymousCall()
  async execute(@BusPayload(LogInTerminal) { device, login }: LogInTerminal, @Ctx() context: BusHandlerContext): Promise<TerminalLogIn> {
    const salesPoint = await terminalSalesPoint(this.directory, device);
    const workplace = await terminalWorkplace(this.documents, device);
    const { correlationId } = busCommandMetadata(context, device.organisationId, device.workplaceId);
    const opened = await requestService(this.bus, IdentitySubjects.OpenTerminalSession, { device, ...login }, { [HEADER_CORRELATION_ID]: correlationId });
    const { token, ...session } = OpenedTerminalSession.parse(opened);
    return { token, session: terminalSessionView(session, salesPoint, workplace) };
  }
}
