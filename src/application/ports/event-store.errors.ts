/** Typed failures of the event store. Messages never contain event data (it may hold personal data). */

export type CurrentRevision = number | 'no_stream';

/** The stream was not where the caller expected it; nothing was written. */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamId: string,
    readonly expected: string | number,
    readonly actual: CurrentRevision,
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

/** An event was rejected before anything was written (no type, not JSON, too large, bad id). */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
  constructor(
    readonly eventIndex: number,
    readonly reason: string,
  ) {
    super(`Event #${eventIndex} rejected: ${reason}`);
  }
}

/** An event id is already stored for a different event or position: a bug in id derivation, not a retry. */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';
  constructor(
    readonly streamId: string,
    readonly eventId: string,
  ) {
    super(`Event id ${eventId} is already stored elsewhere; stream ${streamId} was not changed`);
  }
}

/** The store could not be reached or failed mid-operation. The append was all-or-nothing: retry it. */
export class EventStoreUnavailableError extends Error {
  override readonly name = 'EventStoreUnavailableError';
  readonly retryable = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The database was created by another version of this software. */
export class SchemaVersionMismatchError extends Error {
  override readonly name = 'SchemaVersionMismatchError';
  constructor(
    readonly databaseVersion: string | null,
    readonly codeVersion: string,
    readonly advice: string,
  ) {
    super(`Database schema is at ${databaseVersion ?? 'nothing'}, this code expects ${codeVersion}: ${advice}`);
  }
}
