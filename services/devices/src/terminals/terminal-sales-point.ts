import { DomainError, type PaymentMethodsByRole, type TerminalDevice } from '@elk/contracts';
import type { OrganisationDirectory } from '../organisation-directory/organisation-directory';

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
