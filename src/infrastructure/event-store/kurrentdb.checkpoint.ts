import type { Position } from '@kurrent/kurrentdb-client';
import type { Checkpoint } from '../../application/ports/event-store.port';

/** A checkpoint handed to the KurrentDB adapter that it did not produce (another backend's, or mangled). */
export class InvalidCheckpointError extends Error {
  override readonly name = 'InvalidCheckpointError';
  constructor(readonly checkpoint: string) {
    super(`Not a KurrentDB checkpoint: ${JSON.stringify(checkpoint)}`);
  }
}

// Decimal without leading zeros, so that decoding then encoding gives back the very same string.
const CHECKPOINT = /^(0|[1-9][0-9]*)\/(0|[1-9][0-9]*)$/;
const MAX_POSITION = 2n ** 64n - 1n;

/** A `$all` position as `${commit}/${prepare}`. */
export function encodeCheckpoint(position: Position): Checkpoint {
  return `${position.commit}/${position.prepare}`;
}

export function decodeCheckpoint(checkpoint: Checkpoint): Position {
  const match = typeof checkpoint === 'string' ? CHECKPOINT.exec(checkpoint) : null;
  if (!match) throw new InvalidCheckpointError(String(checkpoint));
  const position = { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
  if (position.commit > MAX_POSITION || position.prepare > MAX_POSITION) throw new InvalidCheckpointError(checkpoint);
  return position;
}

/** `$all` is ordered by commit position, then by prepare position. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
