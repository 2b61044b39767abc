import { nowMicros } from './latency.stats';

/**
 * Fills a store's log as the catch-up benchmark needs it: `writers` concurrent loops, each writing its share
 * of `events` into streams of its own of `eventsPerStream` events, `batch` events per append, each append with
 * the exact expected revision. Returns the ids written, the reference every delivery is checked against.
 */
export interface FillOptions {
  writers: number;
  events: number;
  batch: number;
  eventsPerStream: number;
  /** `eventsBefore` is the stream's length before this append (0: the stream must not exist yet). */
  append: (stream: string, eventsBefore: number, count: number, firstSequence: number) => Promise<string[]>;
}

export interface FillResult {
  ids: string[];
  seconds: number;
  finishedAtMicros: number;
}

export async function fillLog(options: FillOptions): Promise<FillResult> {
  const { writers, events, batch, eventsPerStream } = options;
  if (events % (writers * eventsPerStream) !== 0 || eventsPerStream % batch !== 0) {
    throw new Error(`events (${events}) must split into ${writers} writers x streams of ${eventsPerStream}, and those into batches of ${batch}`);
  }
  const streamsPerWriter = events / writers / eventsPerStream;
  const ids: string[] = [];
  const started = nowMicros();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let s = 0; s < streamsPerWriter; s++) {
        const stream = `case-${writer}-${s}`;
        for (let before = 0; before < eventsPerStream; before += batch) {
          ids.push(...(await options.append(stream, before, batch, before)));
        }
      }
    }),
  );
  const finishedAtMicros = nowMicros();
  return { ids, seconds: (finishedAtMicros - started) / 1e6, finishedAtMicros };
}
