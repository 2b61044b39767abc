import type { Checkpoint } from '../ports/event-store.port';
import { type CaseState, initialState } from '../../domain/case/case.state';

/** A case stream as the command path last saw it. Nothing personal: the state holds none, ids are random. */
export interface KnownCase {
  readonly state: CaseState;
  /** The revision `state` was folded up to; -1 while the stream does not exist. */
  readonly revision: number;
  /** Of the event at `revision`. */
  readonly checkpoint: Checkpoint | null;
  /**
   * Ids of events known to be stored in the stream: all up to `revision`, perhaps later ones too (the set only
   * grows and is shared by successive entries of a stream, so it is never copied). A command whose first event
   * id is in it may be a retry; only then is the whole stream read again.
   */
  readonly eventIds: Set<string>;
}

export function unknownCase(): KnownCase {
  return { state: initialState(), revision: -1, checkpoint: null, eventIds: new Set() };
}

/**
 * Measured: about 4 KB of state per case and 80 bytes per event id, so 2,000 cases of 50 events take about
 * 16 MB. A case that falls out is read whole on its next command, as without the cache.
 */
const CASE_STATE_CACHE_LIMIT = 2_000;

/**
 * Folded case states by stream, so a command need not read the case's whole history. Never trusted on its own:
 * what is decided on a cached state is stored only if the append's exact expected revision still matches, and a
 * refusal is checked against the events appended since (see ExecuteCaseCommandHandler). Bounded, least recently
 * used first out.
 */
export class CaseStateCache {
  private readonly entries = new Map<string, KnownCase>();

  constructor(private readonly limit = CASE_STATE_CACHE_LIMIT) {}

  get(streamId: string): KnownCase | undefined {
    const known = this.entries.get(streamId);
    if (known === undefined) return undefined;
    this.entries.delete(streamId);
    this.entries.set(streamId, known);
    return known;
  }

  /** Keeps the later of the cached and the offered state: concurrent commands of a case finish in any order. */
  offer(streamId: string, known: KnownCase): void {
    const cached = this.entries.get(streamId);
    if (cached !== undefined && cached.revision >= known.revision) return;
    this.entries.delete(streamId);
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(streamId, known);
  }

  forget(streamId: string): void {
    this.entries.delete(streamId);
  }
}
