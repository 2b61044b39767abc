import type { EventStore } from '../../../application/ports/event-store.port';
import type { Projection } from '../../../projections/projection';
import { PROJECTION_CATALOG } from '../../../projections/projection.catalog';
import { ProjectionVersionConflictError, RebuildBlockedError } from '../../../projections/rebuild/projection-rebuild.errors';
import {
  DEFAULT_REBUILD_BATCH_SIZE,
  ProjectionRebuilder,
  type RebuildProgress,
  type RebuildReport,
} from '../../../projections/rebuild/projection.rebuilder';
import { ProjectionRegistry } from '../../../projections/registry/projection-registry.repository';
import { ProjectionApplyError } from '../../../projections/runner/projection-runner.errors';
import { loadConfig } from '../../config/app.config';
import { openDatabase } from '../../database/database';
import { generationLocksFor } from '../../database/generation-locks.factory';
import { assertSchemaCurrent } from '../../database/migrations';
import { openEventStore } from '../../event-store/event-store.module';
import { createLogger } from '../../logging/logger';
import { type CliCommand, CliUsageError, EXIT_FAILURE, EXIT_OK } from '../cli-command';
import { parseOptions } from '../cli-options';
import { formatNumber } from '../cli-numbers';

/** `projections` is the catalogue; tests pass their own. */
export function makeRebuildProjectionsCommand(projections: readonly Projection[], settings: { progressIntervalMs?: number } = {}): CliCommand {
  const command: CliCommand = {
    name: 'rebuild-projections',
    summary: 'Rebuild read models from the event log beside the live ones; readers switch over once the new ones caught up',
    usage: `[<projection>|all] [--batch-size <events>] (default ${DEFAULT_REBUILD_BATCH_SIZE})`,
    async run(args, { env, output }) {
      const { positional, optionArgs } = splitArguments(args);
      const options = parseOptions(optionArgs, { required: [], optional: ['batch-size'] });
      if (positional.length > 1) throw new CliUsageError(`${command.name} takes at most one projection name, got: ${positional.join(' ')}`);
      const target = positional[0] ?? 'all';
      const batchSize = options['batch-size'] === undefined ? DEFAULT_REBUILD_BATCH_SIZE : batchSizeFrom(options['batch-size']);
      const known = projections.map((projection) => projection.name);
      if (target !== 'all' && !known.includes(target)) {
        throw new CliUsageError(`Unknown projection "${target}"; known: ${known.length > 0 ? known.join(', ') : '(none)'}`);
      }
      if (projections.length === 0) {
        output.out('No projections are defined: nothing to rebuild.');
        return EXIT_OK;
      }
      const config = loadConfig(env);
      if (config.database.kind === 'pglite') {
        output.out(`Database: pglite at ${config.database.dataDir} (one process at a time: the service must not be running)`);
      }
      const database = await openDatabase(config.database);
      let store: EventStore | null = null;
      try {
        await assertSchemaCurrent(database);
        store = await openEventStore(config, database);
        // Warnings (an unavailable store being retried) go to stderr as JSON; progress lines carry the state too.
        const logger = createLogger({ level: 'warn', destination: { write: (line: string) => output.err(line.trimEnd()) } });
        const registry = ProjectionRegistry.on(database.db, database.schema);
        const rebuilder = new ProjectionRebuilder(
          { store, registry, locks: generationLocksFor(config.database), logger },
          projections,
          { progressIntervalMs: settings.progressIntervalMs, runner: { batchSize } },
        );
        // What readers used before: the summary names the generation each new one replaced, if any.
        const replaced = await registry.activeGenerations(target === 'all' ? known : [target]);
        const reports = await rebuilder.rebuild(target, { onProgress: (progress) => output.out(describeProgress(progress)) });
        for (const report of reports) output.out(describeReport(report, replaced.get(report.projection)?.generation ?? null));
        output.out('A running service feeds the new generations from here on (within seconds).');
        return EXIT_OK;
      } catch (error) {
        const advice = adviceFor(error);
        if (!advice) throw error;
        for (const line of advice) output.err(line);
        return EXIT_FAILURE;
      } finally {
        await store?.close();
        await database.close();
      }
    },
  };
  return command;
}

export const rebuildProjectionsCommand = makeRebuildProjectionsCommand(PROJECTION_CATALOG);

/** `--name value` pairs (and `--name=value`) apart from the projection name, wherever it stands. */
function splitArguments(args: readonly string[]): { positional: string[]; optionArgs: string[] } {
  const positional: string[] = [];
  const optionArgs: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (!arg.startsWith('--')) positional.push(arg);
    else optionArgs.push(arg, ...(arg.includes('=') || index + 1 >= args.length ? [] : [args[++index]]));
  }
  return { positional, optionArgs };
}

const MAX_BATCH_SIZE = 100_000;

/** Bounded: a batch is held in memory and applied in one transaction. */
function batchSizeFrom(text: string): number {
  const size = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(size >= 1 && size <= MAX_BATCH_SIZE)) throw new CliUsageError(`--batch-size must be a whole number from 1 to ${formatNumber(MAX_BATCH_SIZE)}, got: ${text}`);
  return size;
}

function describeProgress(progress: RebuildProgress): string {
  const head =
    progress.percent === null
      ? 'head unknown (no generation is active yet)'
      : `${Math.min(100, progress.percent).toFixed(1)}% of the head (~${formatNumber(progress.headEstimate ?? 0)} events)`;
  const state =
    progress.state === 'standby'
      ? ', fed by another process'
      : progress.state === 'retrying'
        ? ', store or database unavailable: retrying'
        : '';
  return (
    `${progress.projection} v${progress.version} (generation ${progress.generation}): ${formatNumber(progress.eventsApplied)} events applied, ` +
    `${formatNumber(progress.eventsPerSecond)} events/s, ${head}${state}`
  );
}

/** `replaced`: the generation readers used before the rebuild (`null`: none, the read model is new). */
function describeReport(report: RebuildReport, replaced: number | null): string {
  return (
    `${report.projection} v${report.version} (generation ${report.generation}) is active: ${formatNumber(report.eventsApplied)} events, ` +
    `${formatNumber(report.eventsAppliedNow)} of them in ${report.seconds.toFixed(1)} s (${formatNumber(report.eventsPerSecond)} events/s); ` +
    (replaced === null ? 'no generation was active before it.' : `generation ${replaced}, active before it, was retired and its tables dropped.`)
  );
}

/** What the operator reads for the failures this command expects; `null` for anything else. */
function adviceFor(error: unknown): string[] | null {
  if (error instanceof ProjectionApplyError) {
    return [
      `Rebuild of ${error.projection} stopped: ${error.message}`,
      `The failing batch begins with event ${error.batch.firstEventId}; nothing from it was applied.`,
      'Readers still use the previous generation, unchanged.',
      `Fix the projection and run the command again: with the same version it resumes generation ${error.generation} from its checkpoint; ` +
        'if the fix changes what earlier events produce, raise the version and it starts afresh.',
    ];
  }
  if (error instanceof ProjectionVersionConflictError || error instanceof RebuildBlockedError) {
    return [error.message, 'Nothing was changed.'];
  }
  return null;
}
