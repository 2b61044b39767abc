import type { Projection } from '../projection';
import { UnknownProjectionError } from '../projection.errors';
import { assertValidProjection } from '../registry/generation-schema';
import type { GenerationRecord } from '../registry/projection-registry.repository';
import { retireUnfedBuild } from '../runner/obsolete-build';
import { GenerationNotActivatedError } from '../runner/projection-runner.errors';
import {
  ProjectionRunner,
  type ProjectionRunnerDependencies,
  type ProjectionRunnerOptions,
  type RunnerState,
} from '../runner/projection.runner';
import { ProjectionVersionConflictError, RebuildBlockedError } from './projection-rebuild.errors';
import { SharedLogSource } from './shared-log.source';

export interface RebuildProgress {
  projection: string;
  version: number;
  generation: number;
  /** `standby` while another process (the service) feeds this build: the figures are still the build's. */
  state: RunnerState;
  /** Events in the new generation so far, whoever applied them. */
  eventsApplied: number;
  /** Since this rebuild started (a resumed build counts only what was applied since). */
  eventsPerSecond: number;
  elapsedSeconds: number;
  /**
   * How many events the log holds, estimated by the largest active generation (of any projection: all of them
   * apply every event) and never below what was applied. `null` while no generation is active anywhere.
   */
  headEstimate: number | null;
  percent: number | null;
}

/** What a benchmark times: a full rebuild, from the first event to the switch. */
export interface RebuildReport {
  projection: string;
  version: number;
  generation: number;
  /** Events in the new generation when it became active. */
  eventsApplied: number;
  /** Applied during this call: less than `eventsApplied` when an unfinished build was resumed. */
  eventsAppliedNow: number;
  seconds: number;
  eventsPerSecond: number;
}

export interface ProjectionRebuilderOptions {
  /** `onProjectionError` is always `stop`: an operator wants the error, not a retry loop. */
  runner?: Omit<ProjectionRunnerOptions, 'onProjectionError'>;
  progressIntervalMs?: number;
}

/**
 * Events per batch of a rebuild unless told otherwise: a rebuild reads the log from the start, and each batch
 * costs a transaction, a checkpoint and a statement per table however few events it holds. Read models with a
 * row per case (caseload, funding report) write each case once per batch however many of its events the batch
 * holds: in the benchmark's log, batches of 20,000 write 93,000 case rows where batches of 5,000 wrote 278,000.
 * The live runner keeps its smaller batches, which bound how long a read waits for its own write.
 */
export const DEFAULT_REBUILD_BATCH_SIZE = 20_000;

interface Build {
  projection: Projection;
  generation: GenerationRecord;
  runner: ProjectionRunner;
}

/**
 * Blue-green rebuilds: a new generation is built in a schema of its own from the first event, while the active
 * one keeps serving readers (and is fed by the service); once the new one has caught up, one transaction makes
 * it the active one and drops the old schema. An unfinished build of the same version is resumed, not restarted.
 * Several projections are built at the same time from one read of the log (`SharedLogSource`).
 */
export class ProjectionRebuilder {
  private readonly byName: Map<string, Projection>;
  private readonly runnerOptions: ProjectionRunnerOptions;

  constructor(
    private readonly deps: ProjectionRunnerDependencies,
    projections: readonly Projection[],
    private readonly options: ProjectionRebuilderOptions = {},
  ) {
    for (const projection of projections) assertValidProjection(projection);
    this.byName = new Map(projections.map((projection) => [projection.name, projection]));
    this.runnerOptions = { batchSize: DEFAULT_REBUILD_BATCH_SIZE, ...options.runner, onProjectionError: 'stop' };
  }

  /**
   * One projection by name, or `all` of them together. When one of them fails, the others stop too (each
   * resumes from its checkpoint when run again), and the failure is thrown.
   */
  async rebuild(target: string, options: { onProgress?: (progress: RebuildProgress) => void } = {}): Promise<RebuildReport[]> {
    const chosen = target === 'all' ? [...this.byName.values()] : [this.projectionNamed(target)];
    for (const projection of chosen) await this.assertNotNewer(projection);
    const source = new SharedLogSource(this.deps.store, this.runnerOptions.batchSize ?? DEFAULT_REBUILD_BATCH_SIZE);
    const builds: Build[] = [];
    for (const projection of chosen) {
      const generation = await this.openBuild(projection);
      builds.push({ projection, generation, runner: new ProjectionRunner({ ...this.deps, store: source }, projection, generation, this.runnerOptions) });
    }
    const stopAll = () => Promise.all(builds.map((build) => build.runner.stop()));
    const outcomes = await Promise.allSettled(
      builds.map((build) =>
        this.run(build, options.onProgress).catch(async (error: unknown) => {
          await stopAll();
          throw error;
        }),
      ),
    );
    const failure = outcomes.find((outcome) => outcome.status === 'rejected');
    // The first failure, not the others' "stopped before it became active" that it caused.
    const cause = outcomes.find((outcome) => outcome.status === 'rejected' && !(outcome.reason instanceof GenerationNotActivatedError)) ?? failure;
    if (cause?.status === 'rejected') throw cause.reason;
    return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<RebuildReport>).value);
  }

  private projectionNamed(name: string): Projection {
    const projection = this.byName.get(name);
    if (!projection) throw new UnknownProjectionError(name, [...this.byName.keys()]);
    return projection;
  }

  private async run({ projection, generation, runner }: Build, onProgress?: (progress: RebuildProgress) => void): Promise<RebuildReport> {
    const startedAt = performance.now();
    const startApplied = generation.eventsApplied;
    const progress = async (): Promise<RebuildProgress> => {
      const elapsedSeconds = (performance.now() - startedAt) / 1000;
      const record = await this.deps.registry.generation(projection.name, generation.generation);
      const eventsApplied = Math.max(record?.eventsApplied ?? 0, runner.status.eventsApplied);
      const headEstimate = await this.estimateHead(eventsApplied);
      return {
        projection: projection.name,
        version: generation.version,
        generation: generation.generation,
        state: runner.status.state,
        eventsApplied,
        eventsPerSecond: elapsedSeconds > 0 ? (eventsApplied - startApplied) / elapsedSeconds : 0,
        elapsedSeconds,
        headEstimate,
        percent: headEstimate === null ? null : headEstimate === 0 ? 100 : (100 * eventsApplied) / headEstimate,
      };
    };
    const report = (): void => {
      if (onProgress) void progress().then(onProgress, () => undefined);
    };
    const ticker = setInterval(report, this.options.progressIntervalMs ?? 1_000);
    try {
      void runner.start().catch(() => undefined);
      await runner.whenActive();
    } finally {
      clearInterval(ticker);
      await runner.stop();
    }
    const final = await progress();
    onProgress?.({ ...final, percent: 100 });
    return {
      projection: projection.name,
      version: generation.version,
      generation: generation.generation,
      eventsApplied: final.eventsApplied,
      eventsAppliedNow: final.eventsApplied - startApplied,
      seconds: final.elapsedSeconds,
      eventsPerSecond: final.eventsPerSecond,
    };
  }

  /** Before any build is opened: a rebuild of all changes nothing when one of them is refused. */
  private async assertNotNewer(projection: Projection): Promise<void> {
    const current = (await this.deps.registry.generations(projection.name)).filter((generation) => generation.status !== 'retired');
    const newest = current.reduce((max, generation) => Math.max(max, generation.version), 0);
    if (newest > projection.version) throw new ProjectionVersionConflictError(projection.name, newest, projection.version);
  }

  /** The building generation of the code's version: the unfinished one, or a new one. */
  private async openBuild(projection: Projection): Promise<GenerationRecord> {
    const { registry } = this.deps;
    const current = (await registry.generations(projection.name)).filter((generation) => generation.status !== 'retired');
    const unfinished = current.find((generation) => generation.status === 'building');
    if (unfinished && unfinished.version < projection.version && !(await retireUnfedBuild(this.deps, unfinished))) {
      throw new RebuildBlockedError(projection.name, unfinished.generation);
    }
    const build = await registry.openBuild(projection);
    if (build.version !== projection.version) throw new RebuildBlockedError(projection.name, build.generation);
    return build;
  }

  private async estimateHead(applied: number): Promise<number | null> {
    const active = await this.deps.registry.activeGenerations([...this.byName.keys()]);
    if (active.size === 0) return null;
    return Math.max(applied, ...[...active.values()].map((generation) => generation.eventsApplied));
  }
}
