import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { reportSourceEventsOf } from '../../support/report-facts';
import { foldFundingMeasures, type FundingReportRequest } from '../../../src/domain/reporting/funding-measures.fold';
import { recordCutoff } from '../../../src/domain/reporting/record-cutoff.value';
import { extractReportFacts } from '../../../src/domain/reporting/report-facts.extractor';
import { parseReportPeriod } from '../../../src/domain/reporting/report-period.value';
import { availableDatabaseKinds, openTestDatabase, type TestDatabase } from '../../support/test-database';
import { CaseScript, eventLog } from '../../support/case-history.builder';
import { AS_RECORDED_A, AS_RECORDED_B, DISTRICT, DRK, fundingDistrictLog, KI } from '../../support/funding-district.fixture';
import { RANDOM_DISTRICT, RANDOM_UNITS, randomCaseLog } from '../../support/random-case-log';
import { expectedDistrictMeasuresA, expectedDistrictMeasuresB } from '../../domain/reporting/funding-district.measures';
import { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres.event-store';
import type { Projection } from '../../../src/projections/projection';
import { FundingReportProjection } from '../../../src/projections/funding-report/funding-report.projection';
import { ProjectionRunner } from '../../../src/projections/runner/projection.runner';
import { inMemoryLog } from '../support/in-memory.log';
import { FAST, runnerDependencies } from '../support/projection-test.kit';
import { dropAllFundingReportModels, fundingReportModel, fundingReportRows } from './funding-report.fixture';

const request = (districtId: string, period: string, asRecordedOn: string, organisationUnitId: string | null = null): FundingReportRequest => ({
  period: parseReportPeriod(period),
  scope: { districtId, organisationUnitId },
  cutoff: recordCutoff(asRecordedOn),
});

describe.each(availableDatabaseKinds())('funding report projection (%s)', (kind) => {
  let test: TestDatabase;
  let db: Kysely<unknown>;

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    db = test.database.db as unknown as Kysely<unknown>;
  });

  afterAll(async () => {
    await dropAllFundingReportModels();
    await test?.dispose();
  });

  describe('the hand-built district', () => {
    const log = fundingDistrictLog();
    let model: Awaited<ReturnType<typeof fundingReportModel>>;

    beforeAll(async () => {
      model = await fundingReportModel(db);
      await model.feed(log, 7);
    });

    it('gives every figure of the first quarter as recorded on 10 and on 30 April', async () => {
      expect(await model.reader.measures(request(DISTRICT, '2025-Q1', AS_RECORDED_A))).toEqual(expectedDistrictMeasuresA());
      expect(await model.reader.measures(request(DISTRICT, '2025-Q1', AS_RECORDED_B))).toEqual(expectedDistrictMeasuresB());
    });

    it('gives each unit and other periods what the fold over the raw log gives', async () => {
      const facts = extractReportFacts(reportSourceEventsOf(log));
      for (const r of [request(DISTRICT, '2025-Q1', AS_RECORDED_A, KI), request(DISTRICT, '2025-Q1', AS_RECORDED_B, DRK), request(DISTRICT, '2024', AS_RECORDED_A), request(DISTRICT, '2025-H1', '2025-03-01')]) {
        expect(await model.reader.measures(r)).toEqual(foldFundingMeasures(facts, r));
      }
    });

    it('lists what was recorded between the two cut-offs: a late closure and session, two corrections', async () => {
      const between = await model.reader.recordedBetween(DISTRICT, recordCutoff(AS_RECORDED_A).recordedBefore, recordCutoff(AS_RECORDED_B).recordedBefore);
      expect(between).toEqual([
        { kind: 'corrected', on: '2025-04-20', districtId: DISTRICT, organisationUnitId: KI, correctsStatus: false },
        { kind: 'closed', on: '2025-03-31', districtId: DISTRICT, organisationUnitId: DRK, correctsStatus: false },
        { kind: 'session', on: '2025-03-28', districtId: DISTRICT, organisationUnitId: DRK, correctsStatus: false },
        { kind: 'corrected', on: '2025-04-20', districtId: DISTRICT, organisationUnitId: DRK, correctsStatus: true },
      ]);
    });
  });

  it('agrees with the fold on the edges: first and last day of the period, and the exact cut-off instant', async () => {
    const unit = { districtId: DISTRICT, organisationUnitId: KI, caseManagerId: 'cm-1' };
    const profile = { gender: 'female' as const, birthYear: 1990, countryOfOrigin: 'SY' };
    const scripts = [
      // Closed on the first day of the period: it was open that day.
      new CaseScript({ ...unit, caseId: 'e1', clientId: 'p1', openedOn: '2024-10-01', profile }).session('2025-01-01', 'office', 60).close('2025-01-01', 'other'),
      // Its only session in the period is entered exactly at the cut-off.
      new CaseScript({ ...unit, caseId: 'e5', clientId: 'p5', openedOn: '2024-10-01', profile }).session('2025-03-15', 'video', 60),
      // Closed the day before: not served.
      new CaseScript({ ...unit, caseId: 'e2', clientId: 'p2', openedOn: '2024-05-01', profile }).close('2024-12-31', 'moved_away'),
      // Reopened on the first day; status and jurisdiction change on the first and last day.
      new CaseScript({ ...unit, caseId: 'e3', clientId: 'p3', openedOn: '2024-05-01', profile })
        .status('2024-05-01', 'tolerated', 'aufenthg_60a')
        .jurisdiction('2024-05-01', 'asylblg')
        .close('2024-12-20', 'no_contact')
        .reopen('2025-01-01')
        .status('2025-01-01', 'residence_permit', 'aufenthg_25b')
        .jurisdiction('2025-03-31', 'sgb_ii'),
      // Opened on the last day; a referral answered on the last day, another the day after.
      new CaseScript({ ...unit, caseId: 'e4', clientId: 'p4', openedOn: '2025-03-30', profile })
        .referral('2025-03-30', 'r1', 'job_centre')
        .referral('2025-03-31', 'r2', 'health')
        .referralOutcome('2025-03-31', 'r2', 'completed')
        .referralOutcome('2025-04-01', 'r1', 'taken_up')
        .session('2025-03-31', 'phone', 30)
        .session('2025-04-01', 'phone', 30),
    ];
    const cutoff = recordCutoff('2025-04-10').recordedBefore;
    const log = eventLog(scripts).map((event) =>
      // Two sessions of the period, one entered a millisecond before the cut-off and one exactly at it.
      event.streamId === 'case-e5' && event.type === 'CounsellingSessionHeld'
        ? { ...event, metadata: { ...event.metadata, recordedAt: new Date(cutoff).toISOString() } }
        : event.streamId === 'case-e4' && event.type === 'CounsellingSessionHeld' && (event.data as { heldOn: string }).heldOn === '2025-03-31'
          ? { ...event, metadata: { ...event.metadata, recordedAt: new Date(cutoff - 1).toISOString() } }
          : event,
    );
    const model = await fundingReportModel(db);
    await model.feed(log, 3);
    const r = request(DISTRICT, '2025-Q1', '2025-04-10');
    const measures = await model.reader.measures(r);
    expect(measures).toEqual(foldFundingMeasures(extractReportFacts(reportSourceEventsOf(log)), r));
    expect(measures.caseload).toEqual(expect.objectContaining({ intakes: 1, reopenings: 1, activeAtEnd: 3 }));
    expect(measures.caseload.closuresByReason.other).toBe(1);
    expect(measures.people.clients).toBe(4);
    expect(measures.residenceChanges.aufenthg_25b).toBe(1);
    expect(measures.jurisdictionChanges.asylblg.sgb_ii).toBe(1);
    expect([measures.referrals.job_centre.open, measures.referrals.health.completed]).toEqual([1, 1]);
    expect(measures.activity.sessionsByFormat).toEqual(expect.objectContaining({ office: 1, phone: 1, video: 0 }));
    await model.drop();
  });

  it('does not depend on how the log was cut into batches', async () => {
    const log = randomCaseLog(7, 6);
    const [oneByOne, allAtOnce] = [await fundingReportModel(db), await fundingReportModel(db)];
    await oneByOne.feed(log, 1);
    await allAtOnce.feed(log, log.length);
    const r = request(RANDOM_DISTRICT, '2025', '2025-12-31');
    expect(await oneByOne.reader.measures(r)).toEqual(await allAtOnce.reader.measures(r));
    await Promise.all([oneByOne.drop(), allAtOnce.drop()]);
  });

  it('through the runner, keeps cases in memory between batches only as committed: batches rolled back after they were applied change nothing', async () => {
    const log = randomCaseLog(11, 8);
    const reference = await fundingReportModel(db);
    await reference.feed(log, 7);
    const real = new FundingReportProjection();
    let applied = 0;
    // Applied, then undone: the transaction of every fourth batch fails after the projection's work.
    const flaky: Projection = {
      name: 'funding_report_flaky',
      version: 1,
      setup: (trx, schema) => real.setup(trx, schema),
      createReadIndexes: (trx, schema) => real.createReadIndexes(trx, schema),
      apply: async (trx, schema, events, batch) => {
        await real.apply(trx, schema, events, batch);
        applied += 1;
        if (applied % 4 === 0) throw Object.assign(new Error('server closed the connection unexpectedly'), { code: '08006' });
      },
    };
    const dependencies = runnerDependencies(test.database, new PostgresEventStore(test.database));
    const generation = await dependencies.registry.openBuild(flaky);
    const runner = new ProjectionRunner({ ...dependencies, store: inMemoryLog(log) }, flaky, generation, { ...FAST, batchSize: 7 });
    void runner.start();
    await runner.whenActive();
    await runner.stop();
    expect(applied).toBeGreaterThan(Math.ceil(log.length / 7) + 3);
    expect(await fundingReportRows(db, generation.schema)).toEqual(await fundingReportRows(db, reference.schema));
    await reference.drop();
  });

  it('property: the report from the projection equals the report folded from the raw event log', async () => {
    const periods = ['2024', '2024-H2', '2025-Q1', '2025-Q2', '2025-H2', '2025'];
    const anyRequest = fc.record({
      period: fc.constantFrom(...periods),
      unit: fc.constantFrom(null, ...RANDOM_UNITS),
      // Cut-offs from early 2024 to after the last entry, as whole days.
      cutoffDay: fc.integer({ min: 0, max: 760 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 3, max: 10 }), fc.integer({ min: 5, max: 80 }), fc.array(anyRequest, { minLength: 3, maxLength: 6 }), async (seed, cases, batchSize, requests) => {
        const log = randomCaseLog(seed, cases);
        const facts = extractReportFacts(reportSourceEventsOf(log));
        const model = await fundingReportModel(db);
        try {
          await model.feed(log, batchSize);
          for (const { period, unit, cutoffDay } of requests) {
            const asRecordedOn = new Date(Date.UTC(2024, 0, 1) + cutoffDay * 86_400_000).toISOString().slice(0, 10);
            const r = request(RANDOM_DISTRICT, period, asRecordedOn, unit);
            expect(await model.reader.measures(r)).toEqual(foldFundingMeasures(facts, r));
          }
        } finally {
          await model.drop();
        }
      }),
      { numRuns: 8 },
    );
  });
});
