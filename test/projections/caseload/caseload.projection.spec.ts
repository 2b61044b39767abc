import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { openPersonalData } from '../../../src/application/cases/personal-data.sealing';
import type { RecordedEvent } from '../../../src/application/ports/event-store.port';
import type { CaseEvent } from '../../../src/domain/case/case.events';
import { PostgresPersonalDataVault } from '../../../src/infrastructure/crypto/postgres.personal-data-vault';
import { CaseloadProjection } from '../../../src/projections/caseload/caseload.projection';
import {
  CASE_MANAGER_ID,
  COLLEAGUE_ID,
  DISTRICT_ID,
  OTHER_UNIT_ID,
  PII_MARKER,
  UNIT_ID,
  events,
  histories,
} from '../../domain/case.fixtures';
import { anyCommandSequence } from '../../domain/case/case.arbitraries';
import { type TestDatabase, availableDatabaseKinds, openTestDatabase } from '../../support/test-database';
import { TestEventLog, acceptedEvents, applyInBatches, dropProjectionSchemas, freshProjectionSchema } from '../support/test-event-log';

describe.each(availableDatabaseKinds())('caseload projection (%s)', (kind) => {
  let test: TestDatabase;
  let vault: PostgresPersonalDataVault;
  let log: TestEventLog;
  const projection = new CaseloadProjection();

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    vault = new PostgresPersonalDataVault(test.database, randomBytes(32));
    log = new TestEventLog(vault);
  });
  afterAll(async () => {
    await dropProjectionSchemas(test.database);
    await test?.dispose();
  });

  const opened = (caseId: string, clientId: string, data: Partial<Parameters<typeof events.caseOpened>[0]> = {}): CaseEvent =>
    events.caseOpened({ caseId, clientId, ...data });

  /** Each case's row with its client's, as JSON: dates come out as `YYYY-MM-DD`, as stored. */
  async function tableOf(schema: string): Promise<Record<string, unknown>[]> {
    const result = await sql<{ row: Record<string, unknown> }>`
      SELECT row_to_json(t) AS row FROM (
        SELECT m.*, c.client_personal, c.erased AS client_data_erased
        FROM ${sql.id(schema, 'caseload_cases')} m JOIN ${sql.id(schema, 'caseload_clients')} c USING (case_id)
      ) t ORDER BY case_id`.execute(test.database.db);
    return result.rows.map((r) => r.row);
  }

  async function project(...batches: RecordedEvent[][]): Promise<Record<string, unknown>[]> {
    const schema = await freshProjectionSchema(test.database, projection);
    await applyInBatches(test.database, projection, schema, batches);
    return tableOf(schema);
  }

  it('lists an opened case with its scope and the client identity only as the ciphertext the event holds', async () => {
    const recorded = await log.record('case-a', 'client-a', [opened('case-a', 'client-a'), events.consentRecorded()]);
    const [row] = await project(recorded);

    expect(row).toMatchObject({
      case_id: 'case-a',
      client_id: 'client-a',
      organisation_unit_id: UNIT_ID,
      district_id: DISTRICT_ID,
      case_manager_id: CASE_MANAGER_ID,
      phase: 'intake',
      opened_on: '2025-03-03',
      closed_on: null,
      client_data_erased: false,
      open_follow_ups: [],
      open_referrals: [],
    });
    expect(JSON.stringify(row)).not.toContain(PII_MARKER);
    const stored = row.client_personal as { eventId: string; sealed: unknown };
    expect(stored).toEqual({ eventId: recorded[0].id, sealed: (recorded[0].data as { client: { personal: unknown } }).client.personal });
    const name = (await openPersonalData(vault, stored.eventId, 'CaseOpened', { client: { personal: stored.sealed } }, 'plain')) as {
      client: { personal: { givenName: string; familyName: string } };
    };
    expect(name.client.personal).toMatchObject({ givenName: 'Amina PII', familyName: 'Haddad PII' });
  });

  it('tracks phase, residence status, jurisdiction, last contact, follow-ups and referrals', async () => {
    const recorded = await log.record('case-b', 'client-b', [
      opened('case-b', 'client-b'),
      ...histories.planned().slice(1),
      events.legalStatusChanged(),
      events.jurisdictionChanged({ to: 'asylblg' }),
      events.counsellingSessionHeld({ heldOn: '2025-03-07' }),
      events.casePhaseChanged({ from: 'planning', to: 'implementation', trigger: 'counselling_session_held' }),
      events.counsellingSessionHeld({ heldOn: '2025-03-06' }),
      events.followUpScheduled({ followUpId: 'follow-up-1', dueOn: '2025-04-01' }),
      events.followUpScheduled({ followUpId: 'follow-up-2', dueOn: '2025-03-20' }),
      events.followUpScheduled({ followUpId: 'follow-up-3', dueOn: '2025-03-25' }),
      events.followUpDone({ followUpId: 'follow-up-2' }),
      events.referralMade({ referralId: 'referral-1', referredOn: '2025-03-06' }),
      events.referralMade({ referralId: 'referral-2', referredOn: '2025-03-05', institution: { type: 'housing', name: 'Wohnungsamt' } }),
      events.referralOutcomeRecorded({ referralId: 'referral-1' }),
    ]);
    const [row] = await project(recorded);

    expect(row).toMatchObject({
      phase: 'implementation',
      residence_category: 'asylum_seeker',
      legal_basis: 'asylg_55',
      permit_valid_until: '2025-05-01',
      jurisdiction: 'asylblg',
      last_contact_on: '2025-03-07',
      next_follow_up_on: '2025-03-25',
      // 90 days before the permit expires comes before the day after the next follow-up.
      urgent_from: '2025-01-31',
      open_follow_ups: [
        { followUpId: 'follow-up-3', dueOn: '2025-03-25' },
        { followUpId: 'follow-up-1', dueOn: '2025-04-01' },
      ],
      open_referrals: [{ referralId: 'referral-2', institutionType: 'housing', institutionName: 'Wohnungsamt', referredOn: '2025-03-05' }],
    });
  });

  it('moves the last contact only forward when a batch brings nothing but sessions', async () => {
    const rows = await project(
      await log.record('case-s', 'client-s', [opened('case-s', 'client-s'), events.consentRecorded()]),
      await log.record('case-s', 'client-s', [events.counsellingSessionHeld({ heldOn: '2025-03-07' })]),
      await log.record('case-s', 'client-s', [events.counsellingSessionHeld({ heldOn: '2025-03-05' }), events.counsellingSessionHeld({ heldOn: '2025-03-06' })]),
      // A session of a case that was never opened changes nothing.
      await log.record('case-stray', 'client-s', [events.counsellingSessionHeld()]),
    );
    expect(rows.map((row) => [row.case_id, row.last_contact_on])).toEqual([['case-s', '2025-03-07']]);
  });

  it('takes a corrected residence status as the current one, and drops the expiry after naturalisation', async () => {
    const corrected = events.legalStatusChanged({ effectiveOn: '2025-03-04' }).data;
    const correction = {
      ...corrected,
      status: { ...corrected.status, category: 'tolerated' as const, legalBasis: 'aufenthg_60a' as const, validUntil: '2025-08-01' },
    };
    const [row] = await project(
      await log.record('case-c', 'client-c', [
        ...[opened('case-c', 'client-c'), events.consentRecorded()],
        events.legalStatusChanged(),
        events.entryCorrected({ correctedEventType: 'LegalStatusChanged', correctedLegalStatus: correction }),
      ]),
    );
    expect(row).toMatchObject({ residence_category: 'tolerated', legal_basis: 'aufenthg_60a', permit_valid_until: '2025-08-01' });

    const [naturalised] = await project(
      await log.record('case-d', 'client-d', [opened('case-d', 'client-d'), events.consentRecorded(), events.legalStatusChanged(), events.naturalised()]),
    );
    expect(naturalised).toMatchObject({ residence_category: 'german_citizen', permit_valid_until: null, urgent_from: null });
  });

  it('closes without urgency, keeps the open follow-ups, and brings them back on reopening', async () => {
    const history = [opened('case-e', 'client-e'), events.consentRecorded(), events.followUpScheduled({ dueOn: '2025-04-01' })];
    const [closed] = await project(await log.record('case-e', 'client-e', [...history, events.caseClosed({ closedOn: '2025-03-09' })]));
    expect(closed).toMatchObject({ phase: 'closed', closed_on: '2025-03-09', next_follow_up_on: null, urgent_from: null });

    const [reopened] = await project(
      await log.record('case-f', 'client-f', [
        ...[opened('case-f', 'client-f'), ...history.slice(1)],
        events.caseClosed(),
        events.caseReopened({ reopenedOn: '2025-03-10' }),
      ]),
    );
    expect(reopened).toMatchObject({ phase: 'assessment', closed_on: null, next_follow_up_on: '2025-04-01', urgent_from: '2025-04-02' });
  });

  it('moves a reassigned case to its new unit and case manager', async () => {
    const [row] = await project(
      await log.record('case-g', 'client-g', [
        opened('case-g', 'client-g'),
        events.consentRecorded(),
        events.caseReassigned({ to: { caseManagerId: COLLEAGUE_ID, organisationUnitId: OTHER_UNIT_ID } }),
      ]),
    );
    expect(row).toMatchObject({ organisation_unit_id: OTHER_UNIT_ID, case_manager_id: COLLEAGUE_ID });
  });

  it('drops the ciphertext of every case of an erased client, whichever batch the cases arrived in', async () => {
    const first = await log.record('case-h1', 'client-h', [opened('case-h1', 'client-h'), events.consentRecorded()]);
    const other = await log.record('case-i', 'client-i', [opened('case-i', 'client-i')]);
    const second = await log.record('case-h2', 'client-h', [opened('case-h2', 'client-h')]);
    const erasure = await log.record('case-h1', 'client-h', [
      events.caseClosed({ closureReason: 'client_data_erased', summary: null }),
      events.clientDataErased({ clientId: 'client-h' }),
    ]);
    const rows = await project([...first, ...other], [...second, ...erasure]);

    expect(rows.map((r) => [r.case_id, r.client_data_erased, r.client_personal === null])).toEqual([
      ['case-h1', true, true],
      ['case-h2', true, true],
      ['case-i', false, false],
    ]);
  });

  it('ignores events of other streams and of a case stream without an opening', async () => {
    const strays = await log.record('case-j', 'client-j', [events.consentRecorded(), events.counsellingSessionHeld()]);
    const identity = { ...strays[0], streamId: 'identity-user-1', type: 'UserCreated', data: {} };
    expect(await project([...strays, identity])).toEqual([]);
  });

  it('gives the same rows whether the log arrives in one batch or in many small ones of one run', async () => {
    const whole = await freshProjectionSchema(test.database, projection);
    const pieces = await freshProjectionSchema(test.database, projection);
    const clear = (schema: string) => sql`TRUNCATE ${sql.id(schema, 'caseload_cases')}, ${sql.id(schema, 'caseload_clients')}`.execute(test.database.db);

    await fc.assert(
      fc.asyncProperty(
        fc.array(anyCommandSequence, { minLength: 2, maxLength: 4 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 400 }),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 20 }),
        async (sequences, interleaving, batchSizes) => {
          const streams = await Promise.all(
            // The fixtures' commands all use one client, so an erasure in one case reaches the others too.
            sequences.map((commands, index) =>
              new TestEventLog(vault).record(`case-p${index}`, 'client-0001', withCaseId(acceptedEvents(commands), `case-p${index}`)),
            ),
          );
          const merged = interleave(streams, interleaving);
          await Promise.all([clear(whole), clear(pieces)]);
          await applyInBatches(test.database, projection, whole, [merged]);
          // One run: later batches fold the rows the run's memory kept, not rows read back.
          await applyInBatches(test.database, projection, pieces, cut(merged, batchSizes), { run: {} });
          expect(await tableOf(pieces)).toEqual(await tableOf(whole));
        },
      ),
      { numRuns: 40 },
    );
  });
});

function withCaseId(history: CaseEvent[], caseId: string): CaseEvent[] {
  return history.map((event) => (event.type === 'CaseOpened' ? { ...event, data: { ...event.data, caseId } } : event));
}

/** Merges the streams in an order drawn from `choices`, keeping each stream's own order. */
function interleave(streams: RecordedEvent[][], choices: number[]): RecordedEvent[] {
  const queues = streams.map((stream) => [...stream]);
  const merged: RecordedEvent[] = [];
  for (let step = 0; queues.some((q) => q.length > 0); step++) {
    const open = queues.filter((q) => q.length > 0);
    merged.push(open[(choices[step % choices.length] ?? 0) % open.length].shift() as RecordedEvent);
  }
  return merged;
}

function cut(events: RecordedEvent[], sizes: number[]): RecordedEvent[][] {
  const batches: RecordedEvent[][] = [];
  for (let start = 0, i = 0; start < events.length; i++) {
    const size = sizes[i % sizes.length];
    batches.push(events.slice(start, start + size));
    start += size;
  }
  return batches;
}
