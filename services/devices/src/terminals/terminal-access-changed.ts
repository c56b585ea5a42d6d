import { DevicesSubjects, type TerminalAccessChanged } from '@elk/contracts';
import type { MessageBus } from '@elk/messaging';

/**
 * Tells the gateways that authenticating the organisation's terminals may yield something else now (see
 * TerminalAccessChanged): called once the change is what devices' queries read.
 */
export function broadcastTerminalAccessChanged(bus: MessageBus, organisationId: string): Promise<void> {
  const note: TerminalAccessChanged = { organisationId };
  return bus.broadcast(DevicesSubjects.TerminalAccessChanged, note);
}
