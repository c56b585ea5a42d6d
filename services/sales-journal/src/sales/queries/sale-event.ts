import { SaleEvents } from '@elk/contracts';
import type { LogEvent } from '@elk/eventstore';
import { parseEvent, type EventOf } from '@elk/service-kit';

export type SaleEvent = EventOf<typeof SaleEvents>;

const parsed = new WeakMap<LogEvent, SaleEvent>();

/**
 * A logged sale event, parsed with its contract once for both of the journal's projections: their runner hands them the
 * same event objects (one read of the log, a batch applied to both in one transaction), so the second one finds what the
 * first parsed, kept for as long as the event object lives. A projection must not change what it gets.
 */
export function parseSaleEvent(recorded: LogEvent): SaleEvent {
  let event = parsed.get(recorded);
  if (!event) parsed.set(recorded, (event = parseEvent(SaleEvents, recorded)));
  return event;
}
