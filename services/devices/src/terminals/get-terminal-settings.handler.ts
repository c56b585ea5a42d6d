import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DevicesSubjects, GetTerminalSettings, type TerminalSettings } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, BusPayload, AnonymousCall } from '@elk/service-kit';
import { DEVICES_QUEUE } from '../devices.queue';
import { OrganisationDirectory } from '../organisation-directory/organisation-directory';
import { notReady, terminalSalesPoint, terminalWorkplace } from './terminal-sales-point';

@Controller()
export class GetTerminalSettingsHandler {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly directory: OrganisationDirectory,
  ) {}

  /** `GET /pos/v1/settings`: the organisation, the sales point's legal entity and payment methods, the workplace. */
  @MessagePattern(DevicesSubjects.GetTerminalSettings, { queue: DEVICES_QUEUE })
  @AnonymousCall()
  async execute(@BusPayload(GetTerminalSettings) query: GetTerminalSettings): Promise<TerminalSettings> {
    const { organisationId } = query.device;
    const workplace = await terminalWorkplace(this.documents, query.device);
    const organisation = await this.directory.get('organisation', organisationId, organisationId);
    const salesPoint = await terminalSalesPoint(this.directory, query.device);
    const legalEntity = await this.directory.get('legal-entity', organisationId, salesPoint.legalEntityId);
    if (!organisation?.name || !legalEntity?.name || !legalEntity.type || !legalEntity.inn || !legalEntity.taxSystem) throw notReady();
    return {
      organisation: { id: organisationId, name: organisation.name },
      legalEntity: { id: salesPoint.legalEntityId, type: legalEntity.type, name: legalEntity.name, inn: legalEntity.inn, kpp: legalEntity.kpp ?? null, taxSystem: legalEntity.taxSystem },
      salesPoint: { id: salesPoint.id, name: salesPoint.name, address: salesPoint.address, paymentMethods: salesPoint.paymentMethods },
      workplace,
      extensions: {},
    };
  }
}
