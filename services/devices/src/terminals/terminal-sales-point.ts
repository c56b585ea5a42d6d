import { DomainError, type PaymentMethodsByRole, type TerminalDevice, type WorkplaceType } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import type { OrganisationDirectory } from '../organisation-directory/organisation-directory';
import { workplacesCollection } from '../workplaces/queries/workplace-list.projection';

/** The directory has not caught up with organisation yet (seconds after a change), or the sales point is gone. */
export const notReady = () => new DomainError('SERVICE_UNAVAILABLE', 'Настройки торговой точки ещё не готовы. Повторите запрос через несколько секунд');

export interface TerminalSalesPoint {
  id: string;
  name: string;
  address: string;
  legalEntityId: string;
  paymentMethods: PaymentMethodsByRole;
}

/** The sales point the terminal stands at, with its payment grid; notReady until the directory knows all of it. */
export async function terminalSalesPoint(directory: OrganisationDirectory, device: TerminalDevice): Promise<TerminalSalesPoint> {
  const salesPoint = await directory.get('sales-point', device.organisationId, device.salesPointId);
  if (!salesPoint?.name || !salesPoint.address || !salesPoint.paymentMethods || !salesPoint.legalEntityId) throw notReady();
  return { id: device.salesPointId, name: salesPoint.name, address: salesPoint.address, legalEntityId: salesPoint.legalEntityId, paymentMethods: salesPoint.paymentMethods };
}

export interface TerminalWorkplace {
  id: string;
  name: string;
  number: number;
  type: WorkplaceType;
}

/** The workplace the terminal was activated for (the credential was checked a moment ago: gone since means not activated). */
export async function terminalWorkplace(documents: DocumentStore, device: TerminalDevice): Promise<TerminalWorkplace> {
  const workplace = (await documents.collection(workplacesCollection).get(device.workplaceId))?.data;
  if (!workplace || workplace.organisationId !== device.organisationId) throw new DomainError('UNAUTHENTICATED', 'Терминал не активирован');
  return { id: device.workplaceId, name: workplace.name, number: workplace.number, type: workplace.type };
}
