import type { Logger } from 'pino';
import type { Checkpoint, EventStore, RecordedEvent } from '../../application/ports/event-store.port';
import type { BatchContext, Projection } from '../projection';
import { vacuumGenerationTables } from '../registry/generation-tables.vacuum';
import type { GenerationRecord, ProjectionRegistry, SwitchOutcome } from '../registry/projection-registry.repository';
import type { GenerationStatus } from '../registry/projection-registry.tables';
import { type Deferred, deferred } from './deferred';
import { DEFAULT_LIVE_VACUUM_POLICY, LiveTablesMaintenance, type LiveVacuumPolicy } from './live-tables.maintenance';
import type { GenerationLockHandle, GenerationLocks, HeldGenerationLock } from './generation-lock.port';
import {
  CheckpointMovedSignal,
  GenerationNotActivatedError,
  GenerationRetiredSignal,
  ProjectionApplyError,
} from './projection-runner.errors';
import { describeFailure, isTransientFailure } from './transient-failure';

export type RunnerState =
  /** Not started yet. */
  | 'starting'
  /** Another runner holds the generation's lock; this one tries again every `standbyPollMs`. */
  | 'standby'
  | 'catching-up'
  /** Delivered everything the log held when it (re)subscribed; now applies new events as they commit. */
  | 'live'
  /** The store or the database is unavailable; resubscribes from the checkpoint with backoff. */
  | 'retrying'
  /** The projection threw; the read model stays at its checkpoint. */
  | 'failed'
  | 'retired'
  | 'stopped';

export interface RunnerStatus {
  projection: string;
  version: number;
  generation: number;
  schema: string;
  /** `build` while the generation is not yet the one readers use. */
  role: 'build' | 'live';
  state: RunnerState;
  checkpoint: Checkpoint | null;
  /** Events in the generation since it was created, by whichever runner applied them. */
  eventsApplied: number;
  lastFailure: { name: string; message: string; at: Date } | null;
}

export interface ProjectionRunnerObserver {
  /** After each committed batch. */
  batchApplied?(status: RunnerStatus, eventCount: number): void;
  /** The runner's generation became the active one. */
  activated?(status: RunnerStatus): void;
}

export interface ProjectionRunnerDependencies {
  store: Pick<EventStore, 'subscribe' | 'compareCheckpoints'>;
  registry: ProjectionRegistry;
  locks: GenerationLocks;
  logger: Logger;
  observer?: ProjectionRunnerObserver;
}

export interface Backoff {
  initialMs: number;
  maxMs: number;
}

export interface ProjectionRunnerOptions {
  batchSize?: number;
  /** How often a standby tries the lock, and a caught-up build asks again to become active. */
  standbyPollMs?: number;
  /** After the store or the database was unavailable. */
  outageBackoff?: Backoff;
  /** After the projection threw: a bug rarely fixes itself, so this grows to minutes, not a crash loop. */
  failureBackoff?: Backoff;
  /** `retry` (the service) keeps trying with `failureBackoff`; `stop` (a rebuild run by an operator) ends the runner with the error. */
  onProjectionError?: 'retry' | 'stop';
  /** Where no autovacuum runs, how often the active generation's tables are vacuumed (`LiveTablesMaintenance`). */
  liveVacuum?: LiveVacuumPolicy;
}

const DEFAULT_OPTIONS: Required<ProjectionRunnerOptions> = {
  batchSize: 500,
  standbyPollMs: 2_000,
  outageBackoff: { initialMs: 100, maxMs: 5_000 },
  failureBackoff: { initialMs: 1_000, maxMs: 300_000 },
  onProjectionError: 'retry',
  liveVacuum: DEFAULT_LIVE_VACUUM_POLICY,
};

export type RunnerEnd = 'retired' | 'stopped';

type FeedEnd = RunnerEnd | 'lost';
type Interruption = { kind: 'stop' } | { kind: 'lost' } | { kind: 'retired' } | { kind: 'ended'; error: unknown };

/**
 * Feeds one generation of one projection from the event log. Each batch is applied and the checkpoint stored
 * in one transaction, which first locks the generation's row and checks that the stored checkpoint is the one
 * this runner continued from: a crash, a redelivery or a second runner can neither skip an event nor apply one
 * twice. Only the holder of the generation's lock feeds it; the others wait as standbys. A building generation
 * that has caught up asks the registry to become the active one (see `ProjectionRegistry.activate`).
 */
export class ProjectionRunner {
  private readonly options: Required<ProjectionRunnerOptions>;
  private readonly logger: Logger;
  /** Wake sleeping waits early when the runner is asked to stop. */
  private readonly wakers = new Set<() => void>();
  private readonly activation = deferred<void>();
  private running: Promise<RunnerEnd> | null = null;
  private stopRequested = false;
  private state: RunnerState = 'starting';
  private generationStatus: GenerationStatus;
  private checkpoint: Checkpoint | null;
  private eventsApplied: number;
  private lastFailure: RunnerStatus['lastFailure'] = null;
  private caughtUp = false;
  /** Whether this runner has vacuumed the generation's tables and created its read indexes (`prepareForReaders`). */
  private preparedForReaders = false;
  /** Set while subscribed: lets a switch attempt end the feed when the generation turns out superseded. */
  private interruption: Deferred<Interruption> | null = null;
  private switchTimer: NodeJS.Timeout | null = null;
  /** Batches and switch attempts never overlap. */
  private serial: Promise<void> = Promise.resolve();
  private outageDelay: number;
  private failureDelay: number;
  /** See `BatchContext.run`: the run the last committed batch belonged to, and the checkpoint it committed. */
  private batchRun: { run: object; committed: Checkpoint | null } | null = null;
  private readonly maintenance: LiveTablesMaintenance;

  constructor(
    private readonly deps: ProjectionRunnerDependencies,
    private readonly projection: Projection,
    private readonly generation: GenerationRecord,
    options: ProjectionRunnerOptions = {},
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    this.logger = deps.logger.child({ projection: projection.name, version: generation.version, generation: generation.generation });
    this.generationStatus = generation.status;
    this.checkpoint = generation.checkpoint;
    this.eventsApplied = generation.eventsApplied;
    this.outageDelay = this.options.outageBackoff.initialMs;
    this.failureDelay = this.options.failureBackoff.initialMs;
    this.maintenance = new LiveTablesMaintenance(deps.registry.database, generation.schema, this.options.liveVacuum, this.logger);
  }

  get status(): RunnerStatus {
    return {
      projection: this.projection.name,
      version: this.generation.version,
      generation: this.generation.generation,
      schema: this.generation.schema,
      role: this.generationStatus === 'building' ? 'build' : 'live',
      state: this.state,
      checkpoint: this.checkpoint,
      eventsApplied: this.eventsApplied,
      lastFailure: this.lastFailure,
    };
  }

  /**
   * Starts (once) and resolves when the runner ends: `retired` when its generation was switched away from,
   * `stopped` after `stop()`. Rejects only with `onProjectionError: 'stop'`, with the projection's failure.
   */
  start(): Promise<RunnerEnd> {
    this.running ??= this.run();
    return this.running;
  }

  /** Lets the batch in flight commit (or roll back), releases the lock, and resolves once all is let go. */
  async stop(): Promise<void> {
    this.stopRequested = true;
    this.interruption?.resolve({ kind: 'stop' });
    for (const wake of [...this.wakers]) wake();
    await this.running?.catch(() => undefined);
  }

  /** Resolves once the generation is the active one; rejects with `GenerationNotActivatedError` if the runner ends first. */
  whenActive(): Promise<void> {
    return this.activation.promise;
  }

  private async run(): Promise<RunnerEnd> {
    const handle = this.deps.locks.open({
      namespace: this.deps.registry.baseSchema,
      projection: this.projection.name,
      generation: this.generation.generation,
    });
    let end: RunnerEnd = 'stopped';
    try {
      while (!this.stopRequested) {
        const lock = await this.acquire(handle);
        if (lock === 'retired') end = 'retired';
        if (lock === 'retired' || lock === null) break;
        let fed: FeedEnd;
        try {
          fed = await this.feed(lock);
        } finally {
          await lock.release().catch((error: unknown) => this.logger.warn({ error: describeFailure(error) }, 'could not release the lock'));
        }
        if (fed === 'retired') {
          end = 'retired';
          break;
        }
        // Lost: give the standbys one interval to take over rather than grabbing the lock straight back.
        if (fed === 'lost') await this.sleep(this.options.standbyPollMs);
      }
    } catch (error) {
      this.activation.reject(error);
      throw error;
    } finally {
      this.cancelSwitchAttempt();
      await handle.close().catch(() => undefined);
    }
    this.state = end;
    this.activation.reject(new GenerationNotActivatedError(this.projection.name, this.generation.generation, end));
    return end;
  }

  /** The lock, `retired` when there is nothing left to feed, or `null` once stopped. */
  private async acquire(handle: GenerationLockHandle): Promise<HeldGenerationLock | 'retired' | null> {
    while (!this.stopRequested) {
      try {
        const record = await this.deps.registry.generation(this.projection.name, this.generation.generation);
        if (!record || record.status === 'retired') return 'retired';
        this.adopt(record);
        const lock = await handle.tryAcquire();
        if (lock) return lock;
        if (this.state !== 'standby') this.logger.info('standby: another runner feeds this generation');
        this.state = 'standby';
        await this.sleep(this.options.standbyPollMs);
      } catch (error) {
        await this.waitOutOutage(error);
      }
    }
    return null;
  }

  private async feed(lock: HeldGenerationLock): Promise<FeedEnd> {
    while (!this.stopRequested) {
      let record: GenerationRecord | null;
      try {
        record = await this.deps.registry.generation(this.projection.name, this.generation.generation);
      } catch (error) {
        await this.waitOutOutage(error);
        continue;
      }
      if (!record || record.status === 'retired') return 'retired';
      this.adopt(record);
      this.caughtUp = false;
      this.state = 'catching-up';
      this.logger.info({ checkpoint: this.checkpoint, eventsApplied: this.eventsApplied, role: this.status.role }, 'feeding from the checkpoint');
      const interruption = deferred<Interruption>();
      this.interruption = interruption;
      void lock.lost.then(() => interruption.resolve({ kind: 'lost' }));
      if (this.stopRequested) interruption.resolve({ kind: 'stop' });
      const subscription = this.deps.store.subscribe({
        after: this.checkpoint,
        batchSize: this.options.batchSize,
        onBatch: (events) => this.applyBatch(events),
        onCaughtUp: () => this.noteCaughtUp(),
      });
      const outcome = await Promise.race<Interruption>([
        subscription.done.then(
          () => ({ kind: 'ended', error: null }),
          (error: unknown) => ({ kind: 'ended', error }),
        ),
        interruption.promise,
      ]);
      this.interruption = null;
      this.cancelSwitchAttempt();
      await subscription.stop();
      await this.serial;
      if (outcome.kind === 'stop') return 'stopped';
      if (outcome.kind === 'retired') return 'retired';
      if (outcome.kind === 'lost') {
        this.state = 'standby';
        this.logger.warn('lost the lock (its connection ended): back to standby; a batch in flight was fenced by the checkpoint');
        return 'lost';
      }
      if (outcome.error instanceof GenerationRetiredSignal) return 'retired';
      await this.recover(outcome.error);
    }
    return 'stopped';
  }

  /** After the subscription ended with `error`: waits as the error demands; the caller resubscribes. */
  private async recover(error: unknown): Promise<void> {
    if (error === null) return;
    if (error instanceof CheckpointMovedSignal) {
      this.logger.warn('the stored checkpoint moved under this runner (another runner fed it): continuing from it');
      return;
    }
    if (isTransientFailure(error)) {
      await this.waitOutOutage(error);
      return;
    }
    this.state = 'failed';
    this.lastFailure = { ...describeFailure(error), at: new Date() };
    const context = { error: describeFailure(error), checkpoint: this.checkpoint, ...(error instanceof ProjectionApplyError ? { batch: error.batch } : {}) };
    if (this.options.onProjectionError === 'stop') {
      this.logger.error(context, `projection ${this.projection.name} failed: stopped at its checkpoint; nothing after it was applied`);
      throw error;
    }
    const delay = this.failureDelay;
    this.failureDelay = Math.min(delay * 2, this.options.failureBackoff.maxMs);
    this.logger.error(
      { ...context, retryInMs: delay },
      `projection ${this.projection.name} failed: its read model stays at the checkpoint (nothing after it was applied); ` +
        `retrying in ${Math.round(delay / 1000)} s. Fix the projection and deploy it with a new version`,
    );
    await this.sleep(delay);
  }

  private async waitOutOutage(error: unknown): Promise<void> {
    const delay = this.outageDelay;
    this.outageDelay = Math.min(delay * 2, this.options.outageBackoff.maxMs);
    if (this.state !== 'retrying') this.logger.warn({ error: describeFailure(error), retryInMs: delay }, 'store or database unavailable: retrying');
    this.state = 'retrying';
    await this.sleep(delay);
  }

  private applyBatch(events: RecordedEvent[]): Promise<void> {
    return this.exclusively(async () => {
      const after = this.checkpoint;
      const fresh = after === null ? events : this.eventsAfter(events, after);
      if (fresh.length === 0) return;
      const last = fresh[fresh.length - 1].checkpoint;
      const { registry } = this.deps;
      const { name } = this.projection;
      const { generation, schema } = this.generation;
      const context: BatchContext = { run: this.batchRun !== null && this.batchRun.committed === after ? this.batchRun.run : {} };
      // Until this batch has committed: should it fail, the next one starts a new run.
      this.batchRun = null;
      const status = await registry.transaction(async (trx) => {
        const row = await registry.lockForBatch(trx, name, generation);
        if (!row || row.status === 'retired') throw new GenerationRetiredSignal();
        if (row.checkpoint !== after) throw new CheckpointMovedSignal();
        try {
          await this.projection.apply(trx, schema, fresh, context);
        } catch (error) {
          if (isTransientFailure(error)) throw error;
          const batch = { size: fresh.length, firstCheckpoint: fresh[0].checkpoint, lastCheckpoint: last, firstEventId: fresh[0].id };
          throw new ProjectionApplyError(name, generation, after, batch, { cause: error });
        }
        await registry.recordBatch(trx, name, generation, last, fresh.length);
        return row.status;
      });
      this.batchRun = { run: context.run, committed: last };
      this.checkpoint = last;
      this.eventsApplied += fresh.length;
      this.generationStatus = status;
      this.outageDelay = this.options.outageBackoff.initialMs;
      this.failureDelay = this.options.failureBackoff.initialMs;
      this.state = this.caughtUp ? 'live' : 'catching-up';
      this.deps.observer?.batchApplied?.(this.status, fresh.length);
      if (status === 'active') await this.maintenance.afterBatch(this.eventsApplied);
      if (status === 'building' && this.caughtUp) await this.trySwitch();
    });
  }

  /**
   * A redelivered event (a resubscription that starts inclusively, a page shared with a runner further back) is
   * never applied again. The batch is in log order, so the redelivered ones lead it.
   */
  private eventsAfter(events: RecordedEvent[], after: Checkpoint): RecordedEvent[] {
    let first = 0;
    while (first < events.length && this.deps.store.compareCheckpoints(events[first].checkpoint, after) <= 0) first += 1;
    return first === 0 ? events : events.slice(first);
  }

  private noteCaughtUp(): void {
    this.caughtUp = true;
    if (this.state === 'catching-up') {
      this.state = 'live';
      this.logger.info({ checkpoint: this.checkpoint, eventsApplied: this.eventsApplied }, 'caught up with the log');
    }
    if (this.generationStatus === 'building') void this.exclusively(() => this.trySwitch());
  }

  /**
   * Never throws: a failed or premature attempt is repeated after `standbyPollMs`; a projection that cannot
   * create its read indexes ends the feed as a failing batch would.
   */
  private async trySwitch(): Promise<void> {
    if (this.generationStatus !== 'building' || !this.interruption) return;
    let outcome: SwitchOutcome;
    try {
      await this.prepareForReaders();
      outcome = await this.deps.registry.activate(this.projection.name, this.generation.generation, (a, b) =>
        this.deps.store.compareCheckpoints(a, b),
      );
    } catch (error) {
      if (!isTransientFailure(error) && !this.preparedForReaders) {
        this.interruption?.resolve({ kind: 'ended', error });
        return;
      }
      this.logger.warn({ error: describeFailure(error) }, 'could not switch to this generation yet: trying again');
      this.scheduleSwitchAttempt();
      return;
    }
    if (outcome === 'behind') {
      this.scheduleSwitchAttempt();
      return;
    }
    if (outcome === 'superseded') {
      this.generationStatus = 'retired';
      this.logger.info('a newer version is active: this build is retired');
      this.interruption?.resolve({ kind: 'retired' });
      return;
    }
    this.generationStatus = 'active';
    if (outcome === 'switched') {
      this.logger.info({ checkpoint: this.checkpoint, eventsApplied: this.eventsApplied }, 'this generation is active now; the previous one is retired and dropped');
    }
    this.activation.resolve();
    this.deps.observer?.activated?.(this.status);
  }

  /**
   * Once per runner, before the first attempt to switch: vacuums and analyses the generation's tables
   * (`vacuumGenerationTables`) as the projection asks, unless it holds no event, then creates its read indexes on
   * the pruned tables. Both are idempotent, so a resumed build may repeat them.
   */
  private async prepareForReaders(): Promise<void> {
    if (this.preparedForReaders) return;
    const { database } = this.deps.registry;
    const { schema } = this.generation;
    let startedAt = performance.now();
    // Built from an empty log (a new installation's first start), its tables have no rows to gather statistics
    // of and no old versions to remove: the first vacuum comes live (`LiveTablesMaintenance`) or from autovacuum.
    if (this.eventsApplied > 0) {
      await vacuumGenerationTables(database, schema, this.projection.upkeepBeforeSwitch);
      this.logger.info({ seconds: (performance.now() - startedAt) / 1000 }, 'vacuumed and analysed the tables of this generation');
    }
    this.maintenance.vacuumed(this.eventsApplied);
    const { projection } = this;
    if (projection.createReadIndexes !== undefined) {
      startedAt = performance.now();
      await projection.createReadIndexes(database, schema);
      this.logger.info({ seconds: (performance.now() - startedAt) / 1000 }, 'created the read indexes of this generation');
    }
    this.preparedForReaders = true;
  }

  private scheduleSwitchAttempt(): void {
    if (this.switchTimer || this.stopRequested) return;
    this.switchTimer = setTimeout(() => {
      this.switchTimer = null;
      void this.exclusively(() => this.trySwitch());
    }, this.options.standbyPollMs);
  }

  private cancelSwitchAttempt(): void {
    if (this.switchTimer) clearTimeout(this.switchTimer);
    this.switchTimer = null;
  }

  private adopt(record: GenerationRecord): void {
    this.checkpoint = record.checkpoint;
    this.eventsApplied = record.eventsApplied;
    this.generationStatus = record.status;
    if (record.status === 'active') this.activation.resolve();
  }

  private exclusively(work: () => Promise<void>): Promise<void> {
    const run = this.serial.then(work);
    this.serial = run.catch(() => undefined);
    return run;
  }

  /** Resolves after `ms`, or at once when the runner is asked to stop. */
  private sleep(ms: number): Promise<void> {
    if (this.stopRequested) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }
}
