import { DomainError } from '@elk/contracts';
import type { Decider } from '@elk/service-kit';
import { z } from 'zod';
import { deciderSpec } from './decider-spec';

type CounterEvent = { type: 'CounterIncremented'; data: { by: number } };
type Increment = { by: number };

const counter: Decider<Increment, CounterEvent, number> = {
  initialState: 0,
  evolve: (state, event) => state + event.data.by,
  decide: (command, state) => {
    if (state + command.by > 10) throw new DomainError('RULE_VIOLATED', 'Не больше 10');
    return command.by === 0 ? [] : [{ type: 'CounterIncremented', data: { by: command.by } }];
  },
  events: { CounterIncremented: { version: 1, schema: z.object({ by: z.number().int() }) } },
};

const spec = deciderSpec(counter);

describe('deciderSpec', () => {
  it('passes when the decided events are the expected ones', () => {
    spec.given([{ type: 'CounterIncremented', data: { by: 2 } }]).when({ by: 3 }).then([{ type: 'CounterIncremented', data: { by: 3 } }]);
    spec.given([]).when({ by: 0 }).then([]);
  });

  it('fails when the decided events differ', () => {
    expect(() => spec.given([]).when({ by: 3 }).then([])).toThrow();
  });

  it('fails when a decided event does not fit its schema', () => {
    expect(() => spec.given([]).when({ by: 1.5 }).then([{ type: 'CounterIncremented', data: { by: 1.5 } }])).toThrow(z.ZodError);
  });

  it('folds the given events before deciding and returns the refusal', () => {
    const error = spec.given([{ type: 'CounterIncremented', data: { by: 9 } }]).when({ by: 2 }).thenThrows('RULE_VIOLATED');
    expect(error.message).toBe('Не больше 10');
  });

  it('fails when the command is not refused, or refused with another code', () => {
    expect(() => spec.given([]).when({ by: 1 }).thenThrows('RULE_VIOLATED')).toThrow(/Expected RULE_VIOLATED/);
    expect(() => spec.given([]).when({ by: 11 }).thenThrows('NOT_FOUND')).toThrow();
  });
});
