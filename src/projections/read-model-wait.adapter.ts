import type { Checkpoint } from '../application/ports/event-store.port';
import { InvalidCheckpointError, type ReadModelWait } from '../application/ports/read-model-wait.port';
import type { CheckpointWaiter } from './read/checkpoint.waiter';

/** How long a query waits for its own write before it answers with what the read model has. */
export const DEFAULT_WAIT_FOR_TIMEOUT_MS = 5_000;

/** The projection runners' checkpoint waiter behind the application's port. */
export class CheckpointReadModelWait implements ReadModelWait {
  constructor(
    private readonly waiter: CheckpointWaiter,
    private readonly compareCheckpoints: (a: Checkpoint, b: Checkpoint) => number,
    private readonly timeoutMs = DEFAULT_WAIT_FOR_TIMEOUT_MS,
  ) {}

  async untilApplied(readModel: string, checkpoint: Checkpoint): Promise<boolean> {
    // Comparing is pure: if the store cannot compare the value with itself, it never handed it out.
    try {
      this.compareCheckpoints(checkpoint, checkpoint);
    } catch {
      throw new InvalidCheckpointError();
    }
    return (await this.waiter.waitForCheckpoint([readModel], checkpoint, this.timeoutMs)).caughtUp;
  }
}
