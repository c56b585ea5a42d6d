import type { TerminalEmployeeSession, TerminalSession } from '@elk/contracts';
import type { TerminalSalesPoint } from './terminal-sales-point';

/** Identity's session with what its role may take at the sales point; a Guest may look but not sell. */
export function terminalSessionView(session: TerminalEmployeeSession, salesPoint: TerminalSalesPoint): TerminalSession {
  return {
    employee: session.employee,
    role: session.role,
    salesPoint: { id: salesPoint.id, name: salesPoint.name },
    paymentMethods: salesPoint.paymentMethods[session.role],
    canSell: session.role !== 'guest',
    expiresAt: session.expiresAt,
  };
}
