import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { AuthenticateDevice, DevicesSubjects, type AuthenticatedDevice } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, BusPayload, AnonymousCall } from '@elk/service-kit';
import { DEVICES_QUEUE } from '../devices.queue';
import { workplacesCollection } from '../workplaces/queries/workplace-list.projection';
import { TERMINAL_SECRETS } from './terminal-secrets.provider';
import type { TerminalSecrets } from './terminal-secrets';

@Controller()
export class AuthenticateDeviceHandler {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(TERMINAL_SECRETS) private readonly secrets: TerminalSecrets,
  ) {}

  /**
   * Who presents this credential: the activated workplace whose credential in force it is; null when it is not one
   * ELK made, or was replaced, deactivated or deleted (commands that change that answer once the list shows it).
   */
  @MessagePattern(DevicesSubjects.AuthenticateDevice, { queue: DEVICES_QUEUE })
  @AnonymousCall()
  async execute(@BusPayload(AuthenticateDevice) query: AuthenticateDevice): Promise<AuthenticatedDevice> {
    const credentialId = this.secrets.credentialIdOf(query.credential);
    if (!credentialId) return null;
    const found = await this.documents.collection(workplacesCollection).find({ where: { credentialId, status: 'activated' }, limit: 1 });
    const workplace = found.items[0]?.data;
    return workplace ? { organisationId: workplace.organisationId, workplaceId: workplace.id, salesPointId: workplace.salesPointId, credentialId } : null;
  }
}
