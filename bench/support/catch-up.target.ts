import type { Delivery } from './delivery.audit';
import type { FillOptions } from './log-filler';

/**
 * `until-caught-up`: read the log as it is, stop at its end (a projection rebuild).
 * `live`: keep reading while writers write, until stopped (a projection running beside the application).
 */
export type ReadMode = 'until-caught-up' | 'live';

export interface RunningReader {
  /** Everything delivered so far, in delivery order. */
  readonly deliveries: Delivery[];
  lastDeliveryAtMicros(): number;
  /** Settles when an `until-caught-up` reader has reached the end of the log. */
  readonly caughtUp: Promise<void>;
  stop(): Promise<void>;
}

/** A store under test: how the filler appends to it, and the readers it offers. */
export interface CatchUpTarget {
  store: string;
  append: FillOptions['append'];
  readers: Record<string, (mode: ReadMode) => RunningReader>;
  dispose(): Promise<void>;
}
