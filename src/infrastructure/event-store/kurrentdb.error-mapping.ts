import {
  CancelledError,
  convertToCommandError,
  DeadlineExceededError,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
} from '@kurrent/kurrentdb-client';
import { EventStoreUnavailableError } from '../../application/ports/event-store.errors';

// Failures after which the same call can succeed: the node is down, slow, or no longer the leader.
const TRANSIENT = [UnavailableError, DeadlineExceededError, TimeoutError, CancelledError, NotLeaderError];

/**
 * Turns a client failure into the port's retryable error; anything else comes back as the client's typed
 * command error (a raw gRPC error is converted first). The message names the operation only, never data.
 */
export function toStoreError(error: unknown, operation: string): unknown {
  if (!(error instanceof Error)) return error;
  const converted = convertToCommandError(error);
  if (TRANSIENT.some((type) => converted instanceof type)) {
    return new EventStoreUnavailableError(`KurrentDB could not complete ${operation}`, { cause: converted });
  }
  return converted;
}
