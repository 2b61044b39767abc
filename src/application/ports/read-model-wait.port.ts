import { DomainRuleViolation } from '../../domain/case/case.errors';
import type { Checkpoint } from './event-store.port';

/**
 * Read-your-writes: a command answers with the checkpoint of its events, and a query given that checkpoint
 * waits until the read model it reads has applied it.
 */
export interface ReadModelWait {
  /**
   * True once the read model has applied `checkpoint`; false when the wait timed out, and a read now may not
   * show that write yet. Throws `InvalidCheckpointError` for a value that is no checkpoint of this store.
   */
  untilApplied(readModel: string, checkpoint: Checkpoint): Promise<boolean>;
}

export const READ_MODEL_WAIT = Symbol('ReadModelWait');

/** The checkpoint to wait for is not one this store hands out; it came from the caller, not from a command. */
export class InvalidCheckpointError extends DomainRuleViolation {
  readonly code = 'invalid_checkpoint';
  readonly kind = 'invalid';
  constructor() {
    super('Der Wert für waitFor ist kein Stand, den ein Befehl zurückgegeben hat.');
  }
}
