import type { Checkpoint } from '../../application/ports/event-store.port';

/** The projection's `apply` threw on a batch: the batch was rolled back, the checkpoint did not move. */
export class ProjectionApplyError extends Error {
  override readonly name = 'ProjectionApplyError';
  constructor(
    readonly projection: string,
    readonly generation: number,
    /** The generation's checkpoint, before the failed batch. */
    readonly checkpoint: Checkpoint | null,
    readonly batch: { size: number; firstCheckpoint: Checkpoint; lastCheckpoint: Checkpoint; firstEventId: string },
    options: { cause: unknown },
  ) {
    const reason = options.cause instanceof Error ? `${options.cause.name}: ${options.cause.message}` : String(options.cause);
    super(
      `Projection ${projection} (generation ${generation}) failed on a batch of ${batch.size} events after checkpoint ` +
        `${checkpoint ?? '(start)'}: ${reason}`,
      options,
    );
  }
}

/** A runner ended before its generation became active: stopped, or superseded by a newer version. */
export class GenerationNotActivatedError extends Error {
  override readonly name = 'GenerationNotActivatedError';
  constructor(
    readonly projection: string,
    readonly generation: number,
    readonly reason: 'stopped' | 'retired',
  ) {
    super(
      reason === 'retired'
        ? `Generation ${generation} of ${projection} was retired before it became active (a newer version is active)`
        : `The runner of ${projection} generation ${generation} stopped before the generation became active`,
    );
  }
}

/** Inside the batch transaction: the generation was retired (switched away from). Ends the subscription. */
export class GenerationRetiredSignal extends Error {
  override readonly name = 'GenerationRetiredSignal';
}

/**
 * Inside the batch transaction: the stored checkpoint is not the one this runner continued from, so another
 * runner advanced it (the lock was lost and taken over). Nothing is applied; the runner re-reads and resubscribes.
 */
export class CheckpointMovedSignal extends Error {
  override readonly name = 'CheckpointMovedSignal';
}
