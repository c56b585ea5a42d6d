import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DevicesSubjects, GetTerminalSession, type TerminalSession } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, BusPayload, AnonymousCall } from '@elk/service-kit';
import { DEVICES_QUEUE } from '../devices.queue';
import { OrganisationDirectory } from '../organisation-directory/organisation-directory';
import { terminalSalesPoint, terminalWorkplace } from './terminal-sales-point';
import { terminalSessionView } from './terminal-session.view';

@Controller()
export class GetTerminalSessionHandler {
  constructor(
    private readonly directory: OrganisationDirectory,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
  ) {}

  /** `GET /pos/v1/sessions/current`: the session the gateway authenticated, with the role's payment methods as they are now. */
  @MessagePattern(DevicesSubjects.GetTerminalSession, { queue: DEVICES_QUEUE })
  @AnonymousCall()
  async execute(@BusPayload(GetTerminalSession) { device, session }: GetTerminalSession): Promise<TerminalSession> {
    return terminalSessionView(session, await terminalSalesPoint(this.directory, device), await terminalWorkplace(this.documents, device));
  }
}
