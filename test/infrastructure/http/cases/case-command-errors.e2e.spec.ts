import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { bodies, PII_MARKER, startTestApi, type TestApi } from './case-api.fixtures';

/**
 * Every error answer of the command API, each proving that nothing was appended: the status, a stable code,
 * a German message, the correlation id of the logs, and no personal data. On PGlite; the command path itself
 * runs on the server too in the journey test.
 */
describe('command API errors and repeats (pglite)', () => {
  let api: TestApi;
  let caseManager: string;
  let caseId: string;

  beforeAll(async () => {
    api = await startTestApi('pglite');
    caseManager = await api.tokenOf('cm-ki');
    caseId = (await post('/api/cases', caseManager, bodies.openCase()).expect(201)).body.caseId;
    await post(`/api/cases/${caseId}/consents`, caseManager, bodies.consent()).expect(200);
  });
  afterAll(async () => api?.close());

  function post(path: string, token: string | null, body: unknown, headers: Record<string, string> = {}) {
    const call = api.http().post(path);
    if (token !== null) call.set('Authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(headers)) call.set(name, value);
    return call.send(body as object);
  }
  const sessions = (id = caseId) => `/api/cases/${id}/counselling-sessions`;

  /** Runs `request`, and checks it appended nothing and answered in the API's error format. */
  async function refused(request: () => Promise<Response>, status: number, code: string): Promise<Response> {
    const before = await api.eventCount();
    const response = await request();
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(response.body).toMatchObject({ statusCode: status, message: expect.any(String), correlationId: response.headers['x-correlation-id'] });
    expect(JSON.stringify(response.body).includes(PII_MARKER)).toBe(false);
    expect(await api.eventCount()).toBe(before);
    return response;
  }

  it('400: names every invalid field with a German message, and refuses fields it does not know', async () => {
    const response = await refused(
      () => post(sessions(), caseManager, { ...bodies.session(), heldOn: '2025-02-30', durationMinutes: '60', format: 'sofa', mood: 'Laune PII' }),
      400,
      'validation_failed',
    );
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'heldOn', message: 'Bitte geben Sie ein gültiges Datum im Format JJJJ-MM-TT an.' },
        { field: 'durationMinutes', message: 'Bitte geben Sie eine ganze Zahl ein.' },
        { field: 'format', message: 'Bitte wählen Sie einen der vorgesehenen Werte.' },
        { field: 'mood', message: 'Dieses Feld ist nicht vorgesehen.' },
      ]),
    );
    expect(response.body.errors).toHaveLength(4);
  });

  it('400: names nested fields by their path, and list entries by index', async () => {
    const intake = bodies.openCase({ client: { personal: { givenName: 'Amina PII' }, profile: { gender: 'female', languages: ['arabic'] } } });
    const response = await refused(() => post('/api/cases', caseManager, intake), 400, 'validation_failed');
    expect(response.body.errors).toEqual([
      { field: 'client.personal.familyName', message: 'Bitte füllen Sie dieses Feld aus.' },
      { field: 'client.profile.languages', message: expect.stringContaining('ISO 639') },
    ]);
    const assessment = { assessedOn: '2025-03-04', needs: [{ lifeArea: 'language', level: 2 }, { lifeArea: 'housing', level: 7 }] };
    const needs = await refused(() => post(`/api/cases/${caseId}/assessments`, caseManager, assessment), 400, 'validation_failed');
    expect(needs.body.errors).toEqual([{ field: 'needs[1].level', message: 'Bitte wählen Sie einen der vorgesehenen Werte.' }]);
  });

  it('400: a malformed If-Match or Idempotency-Key is named, not ignored', async () => {
    const ifMatch = await refused(() => post(sessions(), caseManager, bodies.session(), { 'If-Match': 'W/"1"' }), 400, 'validation_failed');
    expect(ifMatch.body.errors).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
    const key = await refused(() => post(sessions(), caseManager, bodies.session(), { 'Idempotency-Key': 'x'.repeat(201) }), 400, 'validation_failed');
    expect(key.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
  });

  it('400: a body that is not JSON, without quoting it', async () => {
    const response = await refused(
      () => api.http().post(sessions()).set('Authorization', `Bearer ${caseManager}`).set('Content-Type', 'application/json').send('{"note": "Amina PII'),
      400,
      'malformed_request',
    );
    expect(response.text.includes('Amina')).toBe(false);
  });

  it('401: without a session or token', async () => {
    await refused(() => post(sessions(), null, bodies.session()), 401, 'unauthenticated');
    await refused(() => post(sessions(), 'kim_not-a-real-token', bodies.session()), 401, 'unauthenticated');
  });

  it('403: an auditor may not record anything, not even with a valid body', async () => {
    await refused(async () => post(sessions(), await api.tokenOf('pruefung'), bodies.session()), 403, 'role_not_permitted');
    await refused(async () => post('/api/cases', await api.tokenOf('berichtswesen'), bodies.openCase()), 403, 'role_not_permitted');
  });

  it('403: a case manager of another organisation unit is refused on the case, and may not open one in a foreign unit', async () => {
    const other = await api.tokenOf('cm-drk');
    await refused(() => post(sessions(), other, bodies.session()), 403, 'not_in_organisation_unit');
    await refused(() => post('/api/cases', other, bodies.openCase({ organisationUnitId: 'demo-ki' })), 403, 'not_in_organisation_unit');
  });

  it('404: a case that does not exist, or an id that cannot be one; a goal the case does not have', async () => {
    await refused(() => post(sessions(randomUUID()), caseManager, bodies.session()), 404, 'case_not_found');
    await refused(() => post(sessions('no%20such%20case'), caseManager, bodies.session()), 404, 'case_not_found');
    await refused(() => post(sessions(randomUUID()), caseManager, bodies.session(), { 'If-Match': '"3"' }), 404, 'case_not_found');
    const review = { reviewedOn: '2025-03-07', progress: 'on_track' };
    await refused(() => post(`/api/cases/${caseId}/goals/${randomUUID()}/review`, caseManager, review), 404, 'goal_not_found');
  });

  it('409: a stale If-Match names the current revision; the current one is accepted', async () => {
    const current = (await post(sessions(), caseManager, bodies.session()).expect(200)).body.revision as number;
    const stale = await refused(() => post(sessions(), caseManager, bodies.session(), { 'If-Match': `"${current - 1}"` }), 409, 'revision_conflict');
    expect(stale.body.currentRevision).toBe(current);
    const accepted = await post(sessions(), caseManager, bodies.session(), { 'If-Match': `"${current}"` }).expect(200);
    expect(accepted.headers.etag).toBe(`"${current + 1}"`);
  });

  it('409: a rule of the case, e.g. no counselling record before consent', async () => {
    const fresh = (await post('/api/cases', caseManager, bodies.openCase()).expect(201)).body.caseId as string;
    await refused(() => post(sessions(fresh), caseManager, bodies.session()), 409, 'consent_required');
  });

  it('413: a body over 256 KiB is refused before it is read', async () => {
    await refused(() => post(sessions(), caseManager, bodies.session({ note: 'PII '.repeat(70_000) })), 413, 'payload_too_large');
  });

  it('422: a domain rule on a field names the rule and the field', async () => {
    const response = await refused(() => post(sessions(), caseManager, bodies.session({ heldOn: '2999-01-01' })), 422, 'date_in_future');
    expect(response.body.field).toBe('heldOn');
    const status = {
      status: { category: 'asylum_seeker', legalBasis: 'aufenthg_25_2', document: 'none' },
      effectiveOn: '2025-03-04',
      source: 'client_statement',
    };
    const basis = await refused(() => post(`/api/cases/${caseId}/legal-status-changes`, caseManager, status), 422, 'legal_basis_not_in_category');
    expect(basis.body.field).toBe('status.legalBasis');
  });

  it('repeats: the same Idempotency-Key and body get the same answer and append nothing more', async () => {
    const key = randomUUID();
    const first = await post(sessions(), caseManager, bodies.session(), { 'Idempotency-Key': key }).expect(200);
    const after = await api.eventCount();
    const repeat = await post(sessions(), caseManager, bodies.session(), { 'Idempotency-Key': key }).expect(200);
    expect(repeat.body).toEqual(first.body);
    expect(repeat.headers.etag).toBe(first.headers.etag);
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await api.eventCount()).toBe(after);
  });

  it('repeats: an intake repeated with its key opens no second case', async () => {
    const key = randomUUID();
    const first = await post('/api/cases', caseManager, bodies.openCase(), { 'Idempotency-Key': key }).expect(201);
    const after = await api.eventCount();
    const repeat = await post('/api/cases', caseManager, bodies.openCase(), { 'Idempotency-Key': key }).expect(201);
    expect(repeat.body).toEqual(first.body);
    expect(repeat.headers.location).toBe(`/api/cases/${first.body.caseId}`);
    expect(await api.eventCount()).toBe(after);
  });

  it('422: the same Idempotency-Key with a different body is refused', async () => {
    const key = randomUUID();
    await post(sessions(), caseManager, bodies.session(), { 'Idempotency-Key': key }).expect(200);
    const reused = () => post(sessions(), caseManager, bodies.session({ durationMinutes: 90 }), { 'Idempotency-Key': key });
    await refused(reused, 422, 'idempotency_key_reused');
  });

  it('keys belong to their account: the same key from another user is a request of its own', async () => {
    const key = randomUUID();
    await post(sessions(), caseManager, bodies.session(), { 'Idempotency-Key': key }).expect(200);
    const before = await api.eventCount();
    const colleague = await api.tokenOf('koordination');
    const theirs = await post(sessions(), colleague, bodies.session(), { 'Idempotency-Key': key }).expect(200);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(await api.eventCount()).toBe(before + 1);
  });

  it('logs no personal data from refused requests', () => {
    expect(api.logLines.join('\n').includes(PII_MARKER)).toBe(false);
  });
});
