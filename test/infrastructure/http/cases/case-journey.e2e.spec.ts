import { sql } from 'kysely';
import { caseStreamId } from '../../../../src/application/cases/case-stream';
import { EVENT_STORE, type EventStore } from '../../../../src/application/ports/event-store.port';
import { PERSONAL_DATA_VAULT, type PersonalDataVault } from '../../../../src/application/ports/personal-data-vault.port';
import { availableDatabaseKinds } from '../../../support/test-database';
import { bodies, PII_MARKER, startTestApi, type TestApi } from './case-api.fixtures';

/**
 * One case through its whole life over HTTP, on every database the machine offers (PGlite always, the
 * PostgreSQL server when KIM_TEST_DATABASE_URL is set): what is stored, who is recorded, and that no personal
 * value reaches the event log, the logs or the answers in plain text.
 */
describe.each(availableDatabaseKinds())('a case from intake to closure over HTTP (%s)', (kind) => {
  let api: TestApi;
  let token: string;
  let userId: string;

  beforeAll(async () => {
    api = await startTestApi(kind);
    token = await api.tokenOf('cm-ki');
    const me = await api.http().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    userId = me.body.principal.userId;
  });
  afterAll(async () => api?.close());

  /** Sends a command with the revision of the previous answer, as a careful client does, and returns the answer. */
  let etag: string | undefined;
  async function command(path: string, body: object, status = 200) {
    const call = api.http().post(path).set('Authorization', `Bearer ${token}`);
    if (etag !== undefined) call.set('If-Match', etag);
    const response = await call.send(body);
    expect({ path, status: response.status, body: response.body }).toEqual({ path, status, body: expect.anything() });
    etag = response.headers.etag;
    expect(etag).toBe(`"${response.body.revision}"`);
    return response;
  }

  it('records intake, consent, assessment, plan, sessions, referral, status and jurisdiction changes, and closure', async () => {
    const opened = await command('/api/cases', bodies.openCase(), 201);
    const { caseId, clientId } = opened.body;
    expect(opened.body).toEqual({ caseId, clientId, revision: 0, checkpoint: expect.any(String), events: ['CaseOpened'] });
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
    expect(opened.headers.location).toBe(`/api/cases/${caseId}`);
    const on = (action: string) => `/api/cases/${caseId}/${action}`;

    await command(on('consents'), bodies.consent());
    const assessed = await command(on('assessments'), {
      assessedOn: '2025-03-04',
      needs: [
        { lifeArea: 'residence_law', level: 3, note: 'Gestattung läuft ab PII' },
        { lifeArea: 'language', level: 2 },
      ],
    });
    expect(assessed.body.events).toEqual(['NeedsAssessed', 'CasePhaseChanged']);
    const goal = await command(on('goals'), { lifeArea: 'language', text: 'B1-Kurs abschließen PII', targetOn: '2025-09-30', agreedOn: '2025-03-05' });
    expect(goal.body.goalId).toMatch(/^[0-9a-f-]{36}$/);
    for (const heldOn of ['2025-03-06', '2025-03-07', '2025-03-08']) await command(on('counselling-sessions'), bodies.session({ heldOn }));
    const referral = await command(on('referrals'), {
      institution: { type: 'job_centre', name: 'Jobcenter Kreis Heinsberg' },
      lifeArea: 'work_and_income',
      reason: 'Antrag auf Grundsicherung PII',
      sharesData: false,
      referredOn: '2025-03-08',
    });
    await command(on(`referrals/${referral.body.referralId}/outcome`), { outcome: 'taken_up', outcomeOn: '2025-03-09' });
    await command(on('legal-status-changes'), {
      status: { category: 'asylum_seeker', legalBasis: 'asylg_55', document: 'permission_to_reside_certificate', validFrom: '2024-11-01', validUntil: '2025-05-01' },
      effectiveOn: '2025-03-03',
      source: 'document_seen',
    });
    await command(on('legal-status-changes'), {
      status: { category: 'residence_permit', legalBasis: 'aufenthg_25_2', document: 'electronic_residence_title', validFrom: '2025-03-10', validUntil: '2028-03-09' },
      effectiveOn: '2025-03-10',
      source: 'authority_notice',
    });
    await command(on('jurisdiction-changes'), { to: 'asylblg', effectiveOn: '2025-03-03' });
    await command(on('jurisdiction-changes'), { to: 'sgb_ii', effectiveOn: '2025-03-11' });
    const closed = await command(on('closure'), {
      closureReason: 'handed_to_regular_services',
      closedOn: '2025-03-12',
      summary: 'An das Jobcenter übergeben PII',
      reason: 'Ziele im Regeldienst weiter verfolgt PII',
    });

    const stream = await api.app.get<EventStore>(EVENT_STORE).readStream(caseStreamId(caseId));
    expect(stream.map((event) => event.type)).toEqual([
      'CaseOpened',
      'ConsentRecorded',
      'NeedsAssessed',
      'CasePhaseChanged',
      'GoalAgreed',
      'CasePhaseChanged',
      'CounsellingSessionHeld',
      'CasePhaseChanged',
      'CounsellingSessionHeld',
      'CounsellingSessionHeld',
      'ReferralMade',
      'ReferralOutcomeRecorded',
      'LegalStatusChanged',
      'LegalStatusChanged',
      'JurisdictionChanged',
      'JurisdictionChanged',
      'CaseClosed',
    ]);
    expect(closed.body.revision).toBe(stream.length - 1);
    for (const event of stream) {
      expect(event.metadata.actor).toEqual({ userId, role: 'case_manager', organisationUnitId: 'demo-ki', districtId: 'demo-kreis-heinsberg' });
    }
    expect(stream[0].data).toMatchObject({ caseId, clientId, organisationUnitId: 'demo-ki', caseManagerId: userId, districtId: 'demo-kreis-heinsberg' });
    expect(stream.at(-3)?.data).toEqual({ from: null, to: 'asylblg', effectiveOn: '2025-03-03' });
    expect(stream.at(-2)?.data).toEqual({ from: 'asylblg', to: 'sgb_ii', effectiveOn: '2025-03-11' });
    expect(stream.at(-4)?.data).toMatchObject({ status: { category: 'residence_permit', legalBasis: 'aufenthg_25_2' } });

    const rows = await sql<{ data: string; metadata: string }>`
      SELECT data::text AS data, metadata::text AS metadata FROM kim_events WHERE stream_id = ${caseStreamId(caseId)}`.execute(api.database.db);
    expect(rows.rows).toHaveLength(stream.length);
    const stored = rows.rows.map((row) => `${row.data}\n${row.metadata}`).join('\n');
    expect(stored.includes(PII_MARKER)).toBe(false);
    expect(stored.includes('1990-04-12')).toBe(false);
    // Sealed, not dropped: personal data, the assessment note, goal, 3 session notes, referral, closure's 2.
    expect(stored.match(/"\$sealed":\s*"v1"/g)).toHaveLength(9);
    expect(api.logLines.join('\n').includes(PII_MARKER)).toBe(false);
  });

  it('lets coordination open a case in another unit for its case manager, and erase the client data', async () => {
    const coordination = await api.tokenOf('koordination');
    const drk = await api.tokenOf('cm-drk');
    const drkUser = (await api.http().get('/api/auth/me').set('Authorization', `Bearer ${drk}`).expect(200)).body.principal.userId as string;
    const as = (bearer: string) => ({ Authorization: `Bearer ${bearer}` });

    const opened = await api.http().post('/api/cases').set(as(coordination)).send(bodies.openCase({ organisationUnitId: 'demo-drk', caseManagerId: drkUser })).expect(201);
    const { caseId, clientId } = opened.body;
    await api.http().post(`/api/cases/${caseId}/consents`).set(as(drk)).send(bodies.consent()).expect(200);
    await api.http().post(`/api/cases/${caseId}/counselling-sessions`).set(as(drk)).send(bodies.session()).expect(200);

    const erased = await api
      .http()
      .post(`/api/cases/${caseId}/erasure`)
      .set(as(coordination))
      .send({ clientId, legalBasis: 'gdpr_art_17', reason: 'Antrag der Person vom 2025-03-09 PII' })
      .expect(200);
    expect(erased.body.events).toEqual(['CaseClosed', 'ClientDataErased']);
    expect(await api.app.get<PersonalDataVault>(PERSONAL_DATA_VAULT).isErased(clientId)).toBe(true);

    const stream = await api.app.get<EventStore>(EVENT_STORE).readStream(caseStreamId(caseId));
    expect(stream[0].data).toMatchObject({ organisationUnitId: 'demo-drk', caseManagerId: drkUser });
    expect(stream.at(-1)?.metadata.actor).toMatchObject({ role: 'coordination', organisationUnitId: 'demo-ki' });
    const after = await api.http().post(`/api/cases/${caseId}/counselling-sessions`).set(as(drk)).send(bodies.session()).expect(409);
    expect(after.body.code).toBe('client_data_erased');
  });
});
