import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { RecordedEvent } from '../../../src/application/ports/event-store.port';
import { FundingReportProjection } from '../../../src/projections/funding-report/funding-report.projection';
import { FundingReportReader } from '../../../src/projections/funding-report/funding-report.reader';
import { FUNDING_REPORT_TABLES } from '../../../src/projections/funding-report/funding-report.tables';
import type { ActiveReadModel } from '../../../src/projections/read/read-model.locator';

/**
 * The funding report projection in a schema of its own, fed the way the runner feeds it (a transaction per
 * batch), and read through a locator that always points at that schema. On a server the schema sits beside the
 * test's own: `drop` it (or `dropAll` after the tests), else it outlives the run.
 */
const created = new Set<{ drop(): Promise<unknown> }>();

export async function dropAllFundingReportModels(): Promise<void> {
  for (const model of [...created]) await model.drop();
}

export async function fundingReportModel(db: Kysely<unknown>) {
  const schema = `fr_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const projection = new FundingReportProjection();
  await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(db);
  await projection.setup(db, schema);
  await projection.createReadIndexes(db, schema);
  const model: ActiveReadModel = { projection: projection.name, version: projection.version, generation: 1, schema };
  const reader = new FundingReportReader(db, { read: (_name, query) => query(model) });
  const handle = {
    schema,
    reader,
    async feed(events: readonly RecordedEvent[], batchSize = 100): Promise<void> {
      for (let start = 0; start < events.length; start += batchSize) {
        await db.transaction().execute((trx) => projection.apply(trx, schema, events.slice(start, start + batchSize)));
      }
    },
    async drop(): Promise<void> {
      created.delete(handle);
      await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db);
    },
  };
  created.add(handle);
  return handle;
}

/** Every row of every table of the read model, in a fixed order: two models built alike must be equal. */
export async function fundingReportRows(db: Kysely<unknown>, schema: string): Promise<Record<string, unknown[]>> {
  const rows: Record<string, unknown[]> = {};
  for (const table of Object.values(FUNDING_REPORT_TABLES)) {
    const result = await sql`SELECT to_jsonb(t) AS row FROM ${sql.id(schema, table)} AS t ORDER BY to_jsonb(t)::text`.execute(db);
    rows[table] = result.rows;
  }
  return rows;
}
