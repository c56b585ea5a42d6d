import { DomainError, type ErrorCode } from '@elk/contracts';
import type { Decider, DomainEvent } from '@elk/service-kit';

export interface DeciderThen<Event> {
  /** The command decides exactly these events (`[]`: nothing to do); each must fit its contract schema. */
  then(expected: Event[]): void;
  /** The command is refused with a DomainError of this code; returns it for further checks. */
  thenThrows(code: ErrorCode): DomainError;
}

export interface DeciderWhen<Command, Event> {
  when(command: Command): DeciderThen<Event>;
}

export interface DeciderSpec<Command, Event> {
  given(events: Event[]): DeciderWhen<Command, Event>;
}

/**
 * given/when/then for a decider: `deciderSpec(d).given([...events]).when(command).then([...events])` or
 * `.thenThrows('CODE')`. The given events are folded with `evolve`, so they state history, not state.
 */
export function deciderSpec<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>): DeciderSpec<Command, Event> {
  return {
    given: (events) => ({
      when: (command) => {
        const decide = () => decider.decide(command, events.reduce((state, event) => decider.evolve(state, event), decider.initialState));
        return {
          then(expected) {
            const actual = decide();
            expect(actual).toEqual(expected);
            for (const event of actual) {
              const entry = decider.events[event.type];
              if (!entry) throw new Error(`${event.type} is not among the decider's event types`);
              entry.schema.parse(event.data);
            }
          },
          thenThrows(code) {
            let thrown: unknown;
            try {
              const events = decide();
              thrown = new Error(`Expected ${code}, but the decider returned ${JSON.stringify(events)}`);
            } catch (error) {
              thrown = error;
            }
            if (!(thrown instanceof DomainError)) throw thrown;
            expect(thrown.code).toBe(code);
            return thrown;
          },
        };
      },
    }),
  };
}
