import type { TerminalEmployeeSession, TerminalSession } from '@elk/contracts';
import type { TerminalSalesPoint, TerminalWorkplace } from './terminal-sales-point';

/** Identity's session with what its role may take at the sales point; a Guest may look but not sell. */
export function terminalSessionView(session: TerminalEmployeeSession, salesPoint: TerminalSalesPoint, workplace: TerminalWorkplace): TerminalSession {
  return {
    employee: session.employee,
    role: session.role,
    salesPoint: { id: salesPoint.id, name: salesPoint.name },
    workplace: { id: workplace.id, name: workplace.name, number: workplace.number },
    paymentMethods: salesPoint.paymentMethods[session.role],
    canSell: session.role !== 'guest',
    expiresAt: session.expiresAt,
  };
}
