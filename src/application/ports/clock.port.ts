/** Time comes from outside: tests pass a fixed clock, the domain gets `now` with each command. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('Clock');

export const systemClock: Clock = { now: () => new Date() };
