import request from 'supertest';
import { DEMO_PASSWORD } from '../../../src/infrastructure/identity/demo-district.seed';
import { openCaseThroughApi, startWebApp, type WebTestApp } from './web-app.fixtures';

/** The pages' protections over plain HTTP, without a browser: sign-in, CSRF, roles, and what a refusal records. */
describe('the pages over HTTP', () => {
  let app: WebTestApp;
  let caseId: string;

  beforeAll(async () => {
    app = await startWebApp();
    caseId = (await openCaseThroughApi(app, 'cm-ki', { givenName: 'Samir', familyName: 'Nasser' }, 5)).caseId;
  });
  afterAll(async () => app?.close());

  /** Signs in through the form, as a browser does: the sign-in token from the cookie and the form, then the session. */
  async function browserSession(username: string) {
    const agent = request.agent(app.app.getHttpServer());
    const form = await agent.get('/anmelden').expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    await agent.post('/anmelden').type('form').send({ _csrf: token, username, password: DEMO_PASSWORD, weiter: '' }).expect(303);
    const page = await agent.get(`/faelle/${caseId}/aktion/beratung`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    return { agent, csrf, revision: /name="_revision" value="(\d+)"/.exec(page.text)?.[1] ?? '' };
  }

  /** The case's own revision: reads of the case append to its access stream, never to the case. */
  async function caseRevision(): Promise<number> {
    const token = await app.tokenOf('cm-ki');
    return (await app.http().get(`/api/cases/${caseId}`).set('Authorization', `Bearer ${token}`).expect(200)).body.revision as number;
  }

  const session = (csrf: string, revision: string, extra: Record<string, string> = {}) => ({
    _csrf: csrf,
    _revision: revision,
    _idempotency: 'f0d6bb3a-3f55-4f0e-9c43-2a7f6f1c0b11',
    heldOn: app.today,
    durationMinutes: '30',
    format: 'phone',
    ...extra,
  });

  it('sends a visitor without a session to the sign-in and back to the page asked for', async () => {
    const response = await request(app.app.getHttpServer()).get('/faelle?status=alle').expect(303);
    expect(response.headers.location).toBe('/anmelden?weiter=%2Ffaelle%3Fstatus%3Dalle');
  });

  it('refuses a sign-in form without its own token (login CSRF) and signs in nobody', async () => {
    const response = await request(app.app.getHttpServer())
      .post('/anmelden')
      .type('form')
      .send({ _csrf: 'forged', username: 'cm-ki', password: DEMO_PASSWORD })
      .expect(403);
    expect(String(response.headers['set-cookie'] ?? '')).not.toContain('kim_session=kim_');
    expect(response.text).toContain('Das Anmeldeformular war abgelaufen.');
  });

  it('refuses a case form without the session’s CSRF token and records nothing', async () => {
    const { agent, revision } = await browserSession('cm-ki');
    const before = await caseRevision();
    const response = await agent.post(`/faelle/${caseId}/aktion/beratung`).type('form').send(session('', revision)).expect(403);
    expect(response.text).toContain('Formular abgelaufen');
    expect(response.headers['content-type']).toContain('text/html');
    expect(await caseRevision()).toBe(before);
  });

  it('records a form sent twice (a double click) once: the second answer is the first one', async () => {
    const { agent, csrf, revision } = await browserSession('cm-ki');
    const before = await caseRevision();
    const first = await agent.post(`/faelle/${caseId}/aktion/beratung`).type('form').send(session(csrf, revision)).expect(303);
    const second = await agent.post(`/faelle/${caseId}/aktion/beratung`).type('form').send(session(csrf, revision)).expect(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await caseRevision()).toBe(before + 1);
  });

  it('answers a refused rule with the form, the message next to its field and nothing recorded', async () => {
    const { agent, csrf, revision } = await browserSession('cm-ki');
    const before = await caseRevision();
    const response = await agent
      .post(`/faelle/${caseId}/aktion/beratung`)
      .type('form')
      .send(session(csrf, String(Number(revision)), { heldOn: '01.01.2099', _idempotency: 'a5b1c2d3-0000-4000-8000-000000000001' }))
      .expect(422);
    expect(response.text).toMatch(/id="feld-heldOn-fehler"><span class="visually-hidden">Fehler:<\/span> Das Datum darf nicht in der Zukunft liegen\./);
    expect(response.text).toMatch(/id="feld-heldOn"[^>]*value="01\.01\.2099"[^>]*aria-describedby="feld-heldOn-hinweis feld-heldOn-fehler"[^>]*aria-invalid="true"/);
    expect(await caseRevision()).toBe(before);
  });

  it('shows auditors no case file of the case managers and case managers no audit pages', async () => {
    const auditor = await browserSession('pruefung');
    expect((await auditor.agent.get(`/faelle/${caseId}`).expect(403)).text).toContain('Kein Zugriff');
    const caseManager = await browserSession('cm-ki');
    expect((await caseManager.agent.get('/pruefung').expect(403)).text).toContain('Kein Zugriff');
  });

  it('answers a case of another organisation unit as unknown', async () => {
    const { agent } = await browserSession('cm-drk');
    expect((await agent.get(`/faelle/${caseId}`).expect(404)).text).toContain('Seite nicht gefunden');
  });

  it('signs out with the session’s token: the session ends and the pages ask for a sign-in again', async () => {
    const { agent, csrf } = await browserSession('cm-ki');
    await agent.post('/abmelden').type('form').send({ _csrf: csrf }).expect(303).expect('Location', '/anmelden');
    await agent.get('/faelle').expect(303).expect('Location', '/anmelden?weiter=%2Ffaelle');
  });
});
