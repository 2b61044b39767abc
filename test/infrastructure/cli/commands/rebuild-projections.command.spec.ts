import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { CliCommand, CliContext } from '../../../../src/infrastructure/cli/cli-command';
import { migrateCommand } from '../../../../src/infrastructure/cli/commands/migrate.command';
import { makeRebuildProjectionsCommand } from '../../../../src/infrastructure/cli/commands/rebuild-projections.command';
import { runCli } from '../../../../src/infrastructure/cli/run-cli';
import { type Database, openDatabase } from '../../../../src/infrastructure/database/database';
import { PostgresEventStore } from '../../../../src/infrastructure/event-store/postgres.event-store';
import type { Projection } from '../../../../src/projections/projection';
import { ProjectionRegistry } from '../../../../src/projections/registry/projection-registry.repository';
import { newEvent, uniqueStream } from '../../../support/events';
import { appendSpread } from '../../../projections/support/projection-test.kit';
import { foldStreamCounts, readStreamCounts, readWholeLog, streamCountsProjection } from '../../../projections/support/stream-counts.projection';

describe('rebuild-projections, on a PGlite data directory', () => {
  let dataDir: string;
  let poisoned = true;
  const counts = streamCountsProjection('cli_counts', 1, {
    beforeEvent: (event) => {
      if (poisoned && event.type === 'Poison') throw new Error('cannot handle Poison');
    },
  });
  const other = streamCountsProjection('cli_other');

  async function run(argv: string[], projections: Projection[] = [counts, other]) {
    const out: string[] = [];
    const err: string[] = [];
    const commands: CliCommand[] = [migrateCommand, makeRebuildProjectionsCommand(projections, { progressIntervalMs: 5 })];
    const context: CliContext = {
      env: { KIM_DATA_DIR: dataDir },
      commands,
      output: { out: (line) => out.push(line), err: (line) => err.push(line) },
    };
    return { code: await runCli(argv, context), out, err };
  }

  /** The service is not running (PGlite is one process): the test opens the data directory in between. */
  async function withDatabase<T>(work: (store: PostgresEventStore, registry: ProjectionRegistry, db: Database['db']) => Promise<T>): Promise<T> {
    const database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
    try {
      return await work(new PostgresEventStore(database), ProjectionRegistry.on(database.db, database.schema), database.db);
    } finally {
      await database.close();
    }
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kim-rebuild-cli-'));
    expect((await run(['migrate'])).code).toBe(0);
    await withDatabase(async (store) => {
      await appendSpread(store, [uniqueStream(), uniqueStream()], 30);
      await store.append(uniqueStream(), [newEvent('Poison')], 'no_stream');
      await appendSpread(store, [uniqueStream()], 5);
    });
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a projection it does not know, naming the known ones', async () => {
    const result = await run(['rebuild-projections', 'caseloda']);
    expect(result.code).toBe(2);
    expect(result.err[0]).toBe('Unknown projection "caseloda"; known: cli_counts, cli_other');
  });

  it('stops on a failing projection with what happened and what to do, leaving the rest untouched', async () => {
    const result = await run(['rebuild-projections', 'cli_counts']);
    expect(result.code).toBe(1);
    expect(result.err.join('\n')).toMatch(/^Rebuild of cli_counts stopped: .*cannot handle Poison/m);
    expect(result.err.join('\n')).toMatch(/Readers still use the previous generation, unchanged\./);
    expect(result.err.join('\n')).toMatch(/run the command again: with the same version it resumes generation 1 from its checkpoint/);
    await withDatabase(async (_store, registry) => {
      expect(await registry.generations('cli_counts')).toEqual([expect.objectContaining({ status: 'building', generation: 1 })]);
    });
  });

  it('rebuilds all, resuming the unfinished build, printing progress and a summary per projection', async () => {
    poisoned = false;
    const result = await run(['rebuild-projections']);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    const progress = result.out.filter((line) => line.includes('events applied'));
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.find((line) => line.startsWith('cli_counts v1 (generation 1): 36 events applied'))).toMatch(/events\/s, 100\.0% of the head/);
    expect(result.out).toContainEqual(expect.stringMatching(/^cli_counts v1 \(generation 1\) is active: 36 events, \d+ of them in [\d.]+ s/));
    expect(result.out).toContainEqual(expect.stringMatching(/^cli_other v1 \(generation 1\) is active: 36 events, 36 of them.*; no generation was active before it\.$/));
    await withDatabase(async (store, registry, db) => {
      const active = await registry.activeGenerations(['cli_counts', 'cli_other']);
      const expected = foldStreamCounts(await readWholeLog(store));
      expect(await readStreamCounts(db, active.get('cli_counts')!.schema)).toEqual(expected);
      expect(await readStreamCounts(db, active.get('cli_other')!.schema)).toEqual(expected);
    });
  });

  it('names the generation a rebuild replaced', async () => {
    const before = await withDatabase(async (_store, registry) => (await registry.activeGenerations(['cli_other'])).get('cli_other')!);
    const result = await run(['rebuild-projections', 'cli_other']);
    expect(result.code).toBe(0);
    expect(result.out).toContainEqual(
      expect.stringMatching(/^cli_other v1 \(generation 2\) is active: 36 events, .*; generation 1, active before it, was retired and its tables dropped\.$/),
    );
    await withDatabase(async (_store, registry, db) => {
      expect((await registry.generations('cli_other')).map(({ generation, status }) => [generation, status])).toEqual([
        [1, 'retired'],
        [2, 'active'],
      ]);
      const schemas = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.schemata WHERE schema_name = ${before.schema}`.execute(db);
      expect(schemas.rows[0].n).toBe(0);
    });
  });

  it('applies batches of the size given, and refuses a size that is not a whole number from 1 to 100,000', async () => {
    const sizes: number[] = [];
    const batches = streamCountsProjection('cli_batches', 1, {
      beforeEvent: (_event, { index, batch }) => {
        if (index === 0) sizes.push(batch.length);
      },
    });
    for (const size of ['0', '100001', 'ten', '2.5']) {
      const refused = await run(['rebuild-projections', 'cli_batches', '--batch-size', size], [batches]);
      expect(refused.code).toBe(2);
      expect(refused.err[0]).toBe(`--batch-size must be a whole number from 1 to 100,000, got: ${size}`);
    }
    expect(sizes).toEqual([]);

    const result = await run(['rebuild-projections', '--batch-size=7', 'cli_batches'], [batches]);
    expect(result.code).toBe(0);
    expect(Math.max(...sizes)).toBe(7);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(36);
  });

  it('says so when there is nothing to rebuild', async () => {
    expect(await run(['rebuild-projections'], [])).toMatchObject({ code: 0, out: ['No projections are defined: nothing to rebuild.'] });
  });
});
