import type { EncodedEvent } from './event-encoding';

/** One append as the store sends it. */
export interface PendingAppend {
  streamId: string;
  /** `any`, `no_stream`, `stream_exists` or a revision, as `kim_append` takes it. */
  expected: string;
  events: EncodedEvent[];
}

/** What `kim_append` answers for one append. */
export type AppendRow = [
  status: 'ok' | 'duplicate' | 'conflict' | 'duplicate_id',
  lastRevision: string | number | bigint | null,
  lastTransactionId: string | null,
  lastPosition: string | number | bigint | null,
];

export interface AppendSender {
  /** One append, one `kim_append` call. */
  one(append: PendingAppend): Promise<AppendRow>;
  /** Several appends in one transaction (`kim_append_batch`), one row each, in order. */
  batch(appends: PendingAppend[]): Promise<AppendRow[]>;
}

/** A batch stays a statement of modest size: one large append goes alone. */
const MAX_BATCH_APPENDS = 64;
const MAX_BATCH_JSON_CHARS = 1024 * 1024;

interface Waiting {
  append: PendingAppend;
  resolve(row: AppendRow): void;
  reject(error: unknown): void;
}

/**
 * Group commit in the application (decision 0012). At most `concurrency` append statements are in flight;
 * appends that arrive meanwhile wait and leave together, as one transaction, when a statement returns. A lone
 * append goes at once, as before. Under load, one round trip, one transaction and one commit (one WAL flush)
 * carry many appends: the client's and the server's cost per event falls, and each append still gets exactly
 * the checks and the answer it would get alone.
 */
export class AppendBatcher {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;

  constructor(
    private readonly send: AppendSender,
    private readonly concurrency: number,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('append concurrency must be a whole number >= 1');
  }

  append(append: PendingAppend): Promise<AppendRow> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ append, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.inFlight < this.concurrency && this.waiting.length > 0) {
      const batch = this.nextBatch();
      this.inFlight++;
      void this.sendBatch(batch).finally(() => {
        this.inFlight--;
        this.dispatch();
      });
    }
  }

  private nextBatch(): Waiting[] {
    let chars = 0;
    let count = 0;
    for (const { append } of this.waiting) {
      for (const event of append.events) chars += event.dataJson.length + event.metadataJson.length;
      if (count > 0 && (count === MAX_BATCH_APPENDS || chars > MAX_BATCH_JSON_CHARS)) break;
      count++;
    }
    return this.waiting.splice(0, count);
  }

  private async sendBatch(batch: Waiting[]): Promise<void> {
    if (batch.length === 1) return settle(batch[0], () => this.send.one(batch[0].append));
    let rows: AppendRow[];
    try {
      rows = await this.send.batch(batch.map((w) => w.append));
    } catch {
      // One append's error (an event id stored elsewhere) rolled back the whole transaction; each append then
      // goes alone and gets its own answer. After a lost connection the batch may have committed: the appends
      // sent again are then recognised by their event ids and answer as retries, writing nothing twice.
      await Promise.all(batch.map((waiting) => settle(waiting, () => this.send.one(waiting.append))));
      return;
    }
    batch.forEach((waiting, index) => waiting.resolve(rows[index]));
  }
}

async function settle(waiting: Waiting, send: () => Promise<AppendRow>): Promise<void> {
  try {
    waiting.resolve(await send());
  } catch (error) {
    waiting.reject(error);
  }
}
