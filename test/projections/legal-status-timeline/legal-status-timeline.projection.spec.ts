import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import type { RecordedEvent } from '../../../src/application/ports/event-store.port';
import { legalStatusTimeline, type ResidenceStatusEntry } from '../../../src/application/legal-status-timeline/legal-status-timeline.view';
import type { CaseEvent } from '../../../src/domain/case/case.events';
import type { OpenedCaseState } from '../../../src/domain/case/case.state';
import { PostgresPersonalDataVault } from '../../../src/infrastructure/crypto/postgres.personal-data-vault';
import { LegalStatusTimelineProjection } from '../../../src/projections/legal-status-timeline/legal-status-timeline.projection';
import { LegalStatusTimelineReader } from '../../../src/projections/legal-status-timeline/legal-status-timeline.reader';
import { DISTRICT_ID, OTHER_UNIT_ID, PII_MARKER, UNIT_ID, events, oneOfEachEvent, stateOf } from '../../domain/case.fixtures';
import { anyCommandSequence } from '../../domain/case/case.arbitraries';
import { type TestDatabase, availableDatabaseKinds, openTestDatabase } from '../../support/test-database';
import { fixedLocator } from '../support/fixed-locator';
import { TestEventLog, acceptedEvents, applyInBatches, dropProjectionSchemas, freshProjectionSchema } from '../support/test-event-log';

describe.each(availableDatabaseKinds())('legal-status timeline projection and reader (%s)', (kind) => {
  let test: TestDatabase;
  let vault: PostgresPersonalDataVault;
  let log: TestEventLog;
  const projection = new LegalStatusTimelineProjection();

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    vault = new PostgresPersonalDataVault(test.database, randomBytes(32));
    log = new TestEventLog(vault);
  });
  afterAll(async () => {
    await dropProjectionSchemas(test.database);
    await test?.dispose();
  });

  const opened = (caseId: string): CaseEvent => events.caseOpened({ caseId, clientId: `client-of-${caseId}` });

  async function readerAfter(...batches: RecordedEvent[][]): Promise<{ reader: LegalStatusTimelineReader; schema: string }> {
    const schema = await freshProjectionSchema(test.database, projection);
    await applyInBatches(test.database, projection, schema, batches);
    return { reader: new LegalStatusTimelineReader(test.database.db as unknown as Kysely<unknown>, fixedLocator(() => schema)), schema };
  }

  it('keeps the statuses, corrected statuses and jurisdiction changes of a case with its scope, and nothing personal', async () => {
    const history = oneOfEachEvent().map((event) => (event.type === 'CaseOpened' ? opened('case-a') : event));
    const recorded = await log.record('case-a', 'client-of-case-a', [
      ...history.slice(0, 14),
      events.entryCorrected({ correctedEventType: 'LegalStatusChanged', correctedLegalStatus: events.naturalised().data }),
      ...history.slice(14),
    ]);
    const { reader, schema } = await readerAfter(recorded);

    const found = await reader.find('case-a');
    // oneOfEachEvent reassigns within the unit, so the scope stays where the case was opened.
    expect(found?.scope).toEqual({ organisationUnitId: UNIT_ID, districtId: DISTRICT_ID });
    expect(found?.entries.map((entry) => [entry.kind, entry.revision, entry.eventId])).toEqual([
      ['status', 12, recorded[12].id],
      ['jurisdiction', 13, recorded[13].id],
      ['correction', 14, recorded[14].id],
    ]);
    expect(found?.entries[0]).toMatchObject({ caseId: 'case-a', recordedAt: recorded[12].metadata.recordedAt, record: events.legalStatusChanged().data });
    expect(found?.entries[2].record).toEqual({ correctedEventId: events.entryCorrected().data.correctedEventId, correctedLegalStatus: events.naturalised().data });

    const tables = await sql<{ dump: string }>`
      SELECT (SELECT json_agg(c)::text FROM ${sql.id(schema, 'legal_status_cases')} c) || (SELECT json_agg(e)::text FROM ${sql.id(schema, 'legal_status_entries')} e) AS dump`.execute(
      test.database.db,
    );
    expect(tables.rows[0].dump).not.toContain(PII_MARKER);
  });

  it('follows a reassignment to another unit, and knows no case that was never opened', async () => {
    const toOtherUnit = events.caseReassigned({ to: { caseManagerId: 'user-cm-9', organisationUnitId: OTHER_UNIT_ID } });
    const { reader } = await readerAfter(
      await log.record('case-b', 'client-of-case-b', [opened('case-b'), events.consentRecorded()]),
      [
        ...(await log.record('case-b', 'client-of-case-b', [toOtherUnit])),
        ...(await log.record('case-c', 'client-of-case-c', [events.legalStatusChanged()])),
        ...(await log.record('case-d', 'client-of-case-d', [opened('case-d'), events.consentRecorded(), toOtherUnit])),
      ],
    );
    expect((await reader.find('case-b'))?.scope).toEqual({ organisationUnitId: OTHER_UNIT_ID, districtId: DISTRICT_ID });
    expect((await reader.find('case-d'))?.scope).toEqual({ organisationUnitId: OTHER_UNIT_ID, districtId: DISTRICT_ID });
    expect(await reader.find('case-c')).toBeNull();
    expect(await reader.find('case-unknown')).toBeNull();
  });

  it('agrees with the domain on the current status, and gives the same timeline in one batch or many, for any accepted history', async () => {
    const whole = await freshProjectionSchema(test.database, projection);
    const pieces = await freshProjectionSchema(test.database, projection);
    const clear = (schema: string) =>
      sql`TRUNCATE ${sql.id(schema, 'legal_status_cases')}, ${sql.id(schema, 'legal_status_entries')}`.execute(test.database.db);
    const readerOf = (schema: string) => new LegalStatusTimelineReader(test.database.db as unknown as Kysely<unknown>, fixedLocator(() => schema));

    await fc.assert(
      fc.asyncProperty(anyCommandSequence, fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 10 }), async (commands, sizes) => {
        const history = acceptedEvents(commands);
        const recorded = await new TestEventLog(vault).record('case-0001', 'client-0001', history);
        await Promise.all([clear(whole), clear(pieces)]);
        await applyInBatches(test.database, projection, whole, [recorded]);
        await applyInBatches(test.database, projection, pieces, cut(recorded, sizes));

        const [one, many] = await Promise.all([readerOf(whole).find('case-0001'), readerOf(pieces).find('case-0001')]);
        expect(many).toEqual(one);
        const state = stateOf(history) as OpenedCaseState;
        expect(one?.scope).toEqual({ organisationUnitId: state.organisationUnitId, districtId: state.districtId });
        const view = legalStatusTimeline('case-0001', one?.entries ?? [], '2025-03-10');
        const current = view.entries.find((entry): entry is ResidenceStatusEntry => entry.kind === 'residence_status' && entry.current);
        expect([current?.category.code, current?.legalBasis.code, current?.validUntil]).toEqual([
          state.legalStatus?.status.category,
          state.legalStatus?.status.legalBasis,
          state.legalStatus?.status.validUntil,
        ]);
        expect(view.jurisdiction?.code ?? null).toEqual(state.jurisdiction);
      }),
      { numRuns: 40 },
    );
  });
});

function cut(events: RecordedEvent[], sizes: number[]): RecordedEvent[][] {
  const batches: RecordedEvent[][] = [];
  for (let start = 0, i = 0; start < events.length; i++) {
    batches.push(events.slice(start, start + sizes[i % sizes.length]));
    start += sizes[i % sizes.length];
  }
  return batches;
}
