import type { BatchContext } from './projection';

/**
 * What a projection wrote or read in the batches of one run (`BatchContext.run`), so the next batch need not
 * read and parse it again: in a rebuild, nearly every case of a batch was in an earlier one. Under the current
 * run it is what was committed. Bounded: the keys used longest ago are forgotten first, and read again when
 * they come back. Values are never changed in place: a batch that changes one remembers a new one once written.
 */
export class RunMemory<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  remember(key: string, value: V): void {
    // Deleted first, so that the map's order stays the order of last use.
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}

/** One `RunMemory` per run, gone with it; none for a caller that passes no batch context (nothing carries over). */
export class RunMemories<V> {
  private readonly byRun = new WeakMap<object, RunMemory<V>>();

  constructor(private readonly capacity: number) {}

  of(batch: BatchContext | undefined): RunMemory<V> | null {
    if (batch === undefined) return null;
    let memory = this.byRun.get(batch.run);
    if (memory === undefined) {
      memory = new RunMemory<V>(this.capacity);
      this.byRun.set(batch.run, memory);
    }
    return memory;
  }
}
