/** Where handlers take the time from; tests move it forward. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The injection token of a service's Clock. */
export const CLOCK = Symbol('CLOCK');
