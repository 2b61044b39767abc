import type { Logger } from 'pino';
import type { Projection } from '../projection';
import { assertValidProjection } from '../registry/generation-schema';
import type { GenerationRecord } from '../registry/projection-registry.repository';
import { retireUnfedBuild } from './obsolete-build';
import { describeFailure } from './transient-failure';
import {
  ProjectionRunner,
  type ProjectionRunnerDependencies,
  type ProjectionRunnerOptions,
  type RunnerStatus,
} from './projection.runner';

export interface ProjectionSupervisorOptions {
  runner?: ProjectionRunnerOptions;
  /** How often this process compares the registry with what it runs: notices switches made by other processes. */
  reconcileMs?: number;
}

/**
 * Keeps, in this process, a runner on every generation of the code's projection versions: the active one (fed
 * live) and a building one (a rebuild, started by an operator or here because the code has a new version). The
 * runners' locks decide which process actually feeds; here the others wait as standbys.
 */
export class ProjectionSupervisor {
  private readonly runners = new Map<string, ProjectionRunner>();
  private readonly warnedAbout = new Set<string>();
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private reconciling: Promise<void> | null = null;
  private reconcileAgain = false;
  private stopped = false;

  constructor(
    private readonly deps: ProjectionRunnerDependencies,
    private readonly projections: readonly Projection[],
    private readonly options: ProjectionSupervisorOptions = {},
  ) {
    for (const projection of projections) assertValidProjection(projection);
    this.logger = deps.logger.child({ component: 'projection-supervisor' });
  }

  /** Starts what the registry calls for, then keeps looking every `reconcileMs`. */
  async start(): Promise<void> {
    await this.reconcile();
    if (this.stopped) return;
    this.timer = setInterval(() => void this.reconcile(), this.options.reconcileMs ?? 5_000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.reconciling;
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
  }

  statuses(): RunnerStatus[] {
    return [...this.runners.values()].map((runner) => runner.status);
  }

  /** Compares the registry with the runners of this process and starts or stops runners to match. */
  reconcile(): Promise<void> {
    if (this.reconciling) {
      this.reconcileAgain = true;
      return this.reconciling;
    }
    this.reconciling = (async () => {
      do {
        this.reconcileAgain = false;
        for (const projection of this.projections) {
          if (this.stopped) return;
          await this.reconcileOne(projection).catch((error: unknown) =>
            this.logger.warn({ projection: projection.name, error: describeFailure(error) }, 'could not read the projection registry: trying again later'),
          );
        }
      } while (this.reconcileAgain && !this.stopped);
    })().finally(() => {
      this.reconciling = null;
    });
    return this.reconciling;
  }

  private async reconcileOne(projection: Projection): Promise<void> {
    const { registry } = this.deps;
    const current = (await registry.generations(projection.name)).filter((generation) => generation.status !== 'retired');
    for (const [key, runner] of this.runners) {
      const { projection: name, generation } = runner.status;
      if (name === projection.name && !current.some((g) => g.generation === generation)) {
        this.runners.delete(key);
        void runner.stop();
      }
    }
    const active = current.find((generation) => generation.status === 'active');
    const building = current.find((generation) => generation.status === 'building');
    if (active && active.version > projection.version) {
      this.warnOnce(
        `${projection.name}:newer`,
        { projection: projection.name, activeVersion: active.version, codeVersion: projection.version },
        'the active read model was built by newer code: this process does not feed it',
      );
      return;
    }
    const targets = current.filter((generation) => generation.version === projection.version);
    const needsBuild = !targets.some((g) => g.status === 'building') && (!active || active.version < projection.version);
    if (needsBuild && building && building.version < projection.version && (await retireUnfedBuild(this.deps, building))) {
      this.logger.info({ projection: projection.name, generation: building.generation, version: building.version }, 'retired an unfinished build of an older version');
    }
    if (needsBuild && !(building && building.version > projection.version)) {
      const build = await registry.openBuild(projection);
      if (build.version === projection.version && !targets.some((g) => g.generation === build.generation)) {
        this.logger.info({ projection: projection.name, version: build.version, generation: build.generation }, 'building a new generation');
        targets.push(build);
      }
    }
    for (const generation of targets) this.launch(projection, generation);
  }

  private launch(projection: Projection, generation: GenerationRecord): void {
    const key = `${projection.name}#${generation.generation}`;
    if (this.runners.has(key) || this.stopped) return;
    const observer = this.deps.observer;
    const runner = new ProjectionRunner(
      {
        ...this.deps,
        observer: {
          batchApplied: (status, count) => observer?.batchApplied?.(status, count),
          activated: (status) => {
            observer?.activated?.(status);
            void this.reconcile();
          },
        },
      },
      projection,
      generation,
      this.options.runner,
    );
    this.runners.set(key, runner);
    const forget = (): void => {
      if (this.runners.get(key) === runner) this.runners.delete(key);
      if (!this.stopped) void this.reconcile();
    };
    runner.start().then(forget, (error: unknown) => {
      this.logger.error({ projection: projection.name, error: describeFailure(error) }, 'projection runner ended unexpectedly');
      forget();
    });
  }

  private warnOnce(key: string, context: Record<string, unknown>, message: string): void {
    if (this.warnedAbout.has(key)) return;
    this.warnedAbout.add(key);
    this.logger.warn(context, message);
  }
}
