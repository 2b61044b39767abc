import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import type { AuditTrailFilter } from '../../../src/application/audit/audit-trail.port';
import { AuditTrailProjection } from '../../../src/projections/audit-trail/audit-trail.projection';
import type { AuditTrailRecord } from '../../../src/projections/audit-trail/audit-trail.entry';
import { type AuditTrailRunPosition, insertAuditTrailRecords, NAME_CODES_SINCE_VERSION, RECORDED_MAX_SINCE_VERSION, searchAuditTrail } from '../../../src/projections/audit-trail/audit-trail.table';
import { availableDatabaseKinds, openTestDatabase, type TestDatabase } from '../../support/test-database';
import { dropProjectionSchemas, freshProjectionSchema } from '../support/test-event-log';

/**
 * A search by time bounds its walk by `recorded_max`; whatever order the clocks recorded rows in (late rows, equal
 * times, microseconds, offsets, times that are no times), it must find exactly the rows a plain filter finds.
 */
const T0 = Date.UTC(2026, 0, 5, 8);

/** A stored time, and the microsecond it stands for (null: not an instant, so never in a range). */
interface Recorded {
  text: string | null;
  micros: number | null;
}

const instantText = (micros: number, form: 'ms' | 'micros' | 'offset'): string => {
  const ms = Math.floor(micros / 1000);
  const iso = new Date(ms).toISOString();
  if (form === 'micros') return `${iso.slice(0, 23)}${String(micros % 1000).padStart(3, '0')}Z`;
  if (form === 'offset') return `${new Date(ms + 3_600_000).toISOString().slice(0, 23)}+01:00`;
  return iso;
};

/** Mostly rising by the clock, some rows late by up to 40 ms, some equal, a few with microseconds or an offset. */
const RECORDED_TIMES = fc
  .array(
    fc.record({
      step: fc.integer({ min: 0, max: 30 }),
      late: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 40 }) }),
      extraMicros: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 999 }) }),
      form: fc.constantFrom('ms', 'ms', 'ms', 'micros', 'offset', 'invalid', 'no-offset'),
    }),
    { minLength: 1, maxLength: 60 },
  )
  .map((steps) => {
    let clock = T0;
    return steps.map(({ step, late, extraMicros, form }): Recorded => {
      clock += step;
      if (form === 'invalid') return { text: 'kein Zeitpunkt', micros: null };
      // Without an offset it is no instant: stored as null rather than read in the server's time zone.
      if (form === 'no-offset') return { text: new Date(clock).toISOString().slice(0, 19), micros: null };
      const micros = (clock - late) * 1000 + (form === 'micros' ? extraMicros : 0);
      return { text: instantText(micros, form === 'micros' ? 'micros' : form), micros };
    });
  });

/** A bound anywhere, or within a millisecond of a stored time (row `near`, modulo their number): where rounding bites. */
const BOUND = fc.option(
  fc.oneof(fc.record({ anywhere: fc.integer({ min: -5_000, max: 1_500_000 }) }), fc.record({ near: fc.nat(), by: fc.integer({ min: -1_000, max: 1_000 }) })),
  { nil: undefined },
);

describe.each(availableDatabaseKinds())('audit trail: search by time range (%s)', (kind) => {
  let test: TestDatabase;
  let db: Kysely<unknown>;
  let schema: string;

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    db = test.database.db as unknown as Kysely<unknown>;
    schema = await freshProjectionSchema(test.database, new AuditTrailProjection());
  });
  afterAll(async () => {
    await dropProjectionSchemas(test.database);
    await test?.dispose();
  });

  const recordOf = (recorded: Recorded, index: number): AuditTrailRecord => ({
    eventId: randomUUID(),
    streamId: `case-c${index % 3}`,
    revision: index,
    caseId: `c${index % 3}`,
    caseDistrictId: 'kreis',
    eventType: 'CounsellingSessionHeld',
    accessKind: null,
    summary: `Eintrag ${index}`,
    actor: { userId: 'cm', role: 'case_manager', organisationUnitId: null, districtId: 'kreis' },
    occurredAt: '2026-01-05T08:00:00Z',
    recordedAt: recorded.text,
    reason: null,
    reasonSealed: false,
    revealed: null,
  });

  /** Turns a generation's codes into the names they stand for, as generations before version 4 stored them. */
  const storeNamesAsText = async (generation: string): Promise<void> => {
    const auditTrail = sql.id(generation, 'audit_trail');
    const names = sql.id(generation, 'audit_trail_names');
    await sql`ALTER TABLE ${auditTrail} ADD COLUMN case_id text, ADD COLUMN event_type text, ADD COLUMN actor_user_id text, ADD COLUMN case_district_id text`.execute(db);
    await sql`UPDATE ${auditTrail} AS t SET
        case_id = (SELECT name FROM ${names} WHERE code = t.case_code),
        event_type = (SELECT name FROM ${names} WHERE code = t.event_type_code),
        actor_user_id = (SELECT name FROM ${names} WHERE code = t.actor_code),
        case_district_id = (SELECT name FROM ${names} WHERE code = t.case_district_code)`.execute(db);
    await sql`ALTER TABLE ${auditTrail} DROP COLUMN case_code, DROP COLUMN event_type_code, DROP COLUMN actor_code, DROP COLUMN case_district_code`.execute(db);
  };

  /** Every page, oldest cursor last, as an auditor would read them. */
  const searchAll = async (filter: AuditTrailFilter, limit: number): Promise<string[]> => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await searchAuditTrail(db, schema, filter, { limit, cursor });
      ids.push(...page.entries.map((entry) => entry.eventId));
      cursor = page.nextCursor;
    } while (cursor !== null);
    return ids;
  };

  it('finds exactly the rows recorded in the range, newest first, however the batches and runs fell', async () => {
    await fc.assert(
      fc.asyncProperty(
        RECORDED_TIMES,
        fc.array(fc.record({ size: fc.integer({ min: 1, max: 25 }), newRun: fc.boolean() }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.record({ from: BOUND, to: BOUND, caseId: fc.option(fc.constantFrom('c0', 'c1'), { nil: undefined }), limit: fc.integer({ min: 1, max: 7 }) }), {
          minLength: 1,
          maxLength: 6,
        }),
        async (times, batches, searches) => {
          await sql`TRUNCATE ${sql.id(schema, 'audit_trail')} RESTART IDENTITY`.execute(db);
          const records = times.map(recordOf);
          let position: AuditTrailRunPosition | null = null;
          let next = 0;
          for (let b = 0; next < records.length; b++) {
            const { size, newRun } = batches[b % batches.length];
            // A new run may begin before where the last one got to, as a runner resuming in doubt does; every
            // batch takes at least one new record.
            const start = newRun ? Math.max(0, next - Math.min(2, size - 1)) : next;
            const batch = records.slice(start, start + size);
            position = await db.transaction().execute((trx) => insertAuditTrailRecords(trx, schema, batch, newRun ? null : position));
            next = Math.max(next, start + batch.length);
          }
          for (const { from, to, caseId, limit } of searches) {
            const micros = (bound: typeof from) => {
              if (bound === undefined) return undefined;
              if ('anywhere' in bound) return T0 * 1000 + bound.anywhere;
              return (times[bound.near % times.length].micros ?? T0 * 1000) + bound.by;
            };
            const fromMicros = micros(from);
            const toMicros = micros(to);
            const expected = records
              .filter((record, index) => {
                const { micros } = times[index];
                if ((fromMicros !== undefined || toMicros !== undefined) && micros === null) return false;
                if (fromMicros !== undefined && (micros as number) < fromMicros) return false;
                if (toMicros !== undefined && (micros as number) >= toMicros) return false;
                return caseId === undefined || record.caseId === caseId;
              })
              .map((record) => record.eventId)
              .reverse();
            const filter: AuditTrailFilter = {
              ...(fromMicros === undefined ? {} : { from: instantText(fromMicros, 'micros') }),
              ...(toMicros === undefined ? {} : { to: instantText(toMicros, 'micros') }),
              ...(caseId === undefined ? {} : { caseId }),
            };
            expect(await searchAll(filter, limit)).toEqual(expected);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('searches a generation of an older version (stream names, no recorded_max) by its times alone', async () => {
    const older = await freshProjectionSchema(test.database, new AuditTrailProjection());
    const times: Recorded[] = [0, 5, 3, 9].map((ms) => ({ text: new Date(T0 + ms).toISOString(), micros: (T0 + ms) * 1000 }));
    const records = times.map(recordOf);
    records[2] = { ...records[2], streamId: `case-access-${records[2].caseId}`, eventType: 'CaseDataAccessed', accessKind: 'view' };
    await db.transaction().execute((trx) => insertAuditTrailRecords(trx, older, records, null));
    // As version 2 stored it.
    await storeNamesAsText(older);
    const auditTrail = sql.id(older, 'audit_trail');
    await sql`ALTER TABLE ${auditTrail} DROP COLUMN recorded_max, ADD COLUMN stream_id text`.execute(db);
    await sql`UPDATE ${auditTrail} SET stream_id = CASE WHEN in_access_stream THEN 'case-access-' ELSE 'case-' END || case_id`.execute(db);
    await sql`ALTER TABLE ${auditTrail} DROP COLUMN in_access_stream`.execute(db);
    const filter = { from: new Date(T0 + 3).toISOString(), to: new Date(T0 + 9).toISOString() };
    const page = await searchAuditTrail(db, older, filter, { limit: 10, cursor: null }, RECORDED_MAX_SINCE_VERSION - 1);
    expect(page.entries.map((entry) => [entry.eventId, entry.streamId])).toEqual([
      [records[2].eventId, records[2].streamId],
      [records[1].eventId, records[1].streamId],
    ]);
    await expect(searchAuditTrail(db, older, filter, { limit: 10, cursor: null })).rejects.toThrow(/recorded_max/);
  });

  it('searches a generation of version 3 (the names themselves, no codes) by case, actor, kind of event and district', async () => {
    const older = await freshProjectionSchema(test.database, new AuditTrailProjection());
    const records = [0, 1, 2, 3, 4, 5].map((ms, index) => ({
      ...recordOf({ text: new Date(T0 + ms).toISOString(), micros: (T0 + ms) * 1000 }, index),
      actor: { userId: `cm-${index % 2}`, role: 'case_manager', organisationUnitId: null, districtId: 'kreis' },
      eventType: index === 4 ? 'CaseClosed' : 'CounsellingSessionHeld',
      caseDistrictId: index === 5 ? null : 'kreis',
    }));
    await db.transaction().execute((trx) => insertAuditTrailRecords(trx, older, records, null));
    const coded = async (filter: AuditTrailFilter) => (await searchAuditTrail(db, older, filter, { limit: 10, cursor: null })).entries;
    const filters: AuditTrailFilter[] = [{ caseId: 'c1' }, { actorUserId: 'cm-0' }, { eventType: 'CaseClosed' }, { districtId: 'kreis' }, { caseId: 'c2', actorUserId: 'cm-1' }, { caseId: 'nobody' }];
    const before = await Promise.all(filters.map(coded));
    expect(before.map((entries) => entries.map((entry) => entry.revision))).toEqual([[4, 1], [4, 2, 0], [4], [4, 3, 2, 1, 0], [5], []]);

    await storeNamesAsText(older);
    const asText = async (filter: AuditTrailFilter) => (await searchAuditTrail(db, older, filter, { limit: 10, cursor: null }, NAME_CODES_SINCE_VERSION - 1)).entries;
    expect(await Promise.all(filters.map(asText))).toEqual(before);
  });

  it('keeps times that are no instants out of every range, and shows them as unknown', async () => {
    await sql`TRUNCATE ${sql.id(schema, 'audit_trail')} RESTART IDENTITY`.execute(db);
    const times: Recorded[] = [
      { text: '2026-01-05T08:00:00.000Z', micros: 0 },
      { text: '2026-01-05T09:00:00', micros: null },
      { text: 'gestern', micros: null },
    ];
    await db.transaction().execute((trx) => insertAuditTrailRecords(trx, schema, times.map(recordOf), null));
    const all = await searchAuditTrail(db, schema, {}, { limit: 10, cursor: null });
    expect(all.entries.map((entry) => entry.recordedAt)).toEqual([null, null, '2026-01-05T08:00:00.000Z']);
    const ranged = await searchAuditTrail(db, schema, { from: '2026-01-05T07:00:00Z' }, { limit: 10, cursor: null });
    expect(ranged.entries.map((entry) => entry.recordedAt)).toEqual(['2026-01-05T08:00:00.000Z']);
  });
});
