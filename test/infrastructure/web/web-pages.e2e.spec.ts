import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../../src/domain/time/calendar-date.value';
import { CASE_ACTIONS } from '../../../src/infrastructure/web/case-file/case-actions.catalog';
import {
  expectAccessible,
  go,
  JOURNEY_TIMEOUT_MS,
  launchChromium,
  newGermanPage,
  openCaseThroughApi,
  screenshot,
  seedDemoCases,
  seen,
  signIn,
  startWebApp,
  type WebTestApp,
} from './web-app.fixtures';

/**
 * Every page of the interface, for every role that has it, scanned by axe-core for WCAG 2.1 A and AA (BITV 2.0):
 * zero violations allowed. Then what a scan cannot see: the pages reflow at 200 % zoom, and a form whose case
 * changed meanwhile explains the conflict and keeps what was typed.
 */
describe('the pages in Chromium', () => {
  let app: WebTestApp;
  let browser: Browser;
  let caseId: string;
  let children: { goalId: string; referralId: string; followUpId: string };

  beforeAll(async () => {
    app = await startWebApp();
    browser = await launchChromium();
    await seedDemoCases(app, ['cm-ki', 'cm-drk', 'cm-diakonie'], 9);
    const opened = await openCaseThroughApi(app, 'cm-ki', { givenName: 'Olena', familyName: 'Kovalenko' }, 20);
    caseId = opened.caseId;
    const { command } = opened;
    await command('assessments', { assessedOn: addDays(app.today, -19), needs: [{ lifeArea: 'language', level: 2, note: 'B1 angestrebt' }, { lifeArea: 'housing', level: 3 }] });
    const goal = await command('goals', { lifeArea: 'language', text: 'B1-Kurs abschließen', targetOn: addDays(app.today, 120), agreedOn: addDays(app.today, -18) });
    await command('counselling-sessions', { heldOn: addDays(app.today, -10), durationMinutes: 45, format: 'office', lifeAreas: ['language'], householdMembersPresent: 0 });
    const referral = await command('referrals', {
      institution: { type: 'language_course', name: 'VHS Heinsberg' },
      lifeArea: 'language',
      sharesData: false,
      referredOn: addDays(app.today, -9),
    });
    const followUp = await command('follow-ups', { dueOn: addDays(app.today, 7), note: 'Kursplatz bestätigen' });
    await command('legal-status-changes', {
      status: { category: 'residence_permit', legalBasis: 'aufenthg_24', document: 'electronic_residence_title', validFrom: addDays(app.today, -300), validUntil: addDays(app.today, 60) },
      effectiveOn: addDays(app.today, -20),
      source: 'document_seen',
    });
    await command('service-gaps', { lifeArea: 'language', description: 'Kein Abendkurs B1 im Südkreis', region: 'Gangelt', clientsAffected: 6 });
    children = { goalId: String(goal.goalId), referralId: String(referral.referralId), followUpId: String(followUp.followUpId) };
  }, JOURNEY_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function scan(page: Page, path: string, name: string) {
    const response = await page.goto(`${app.baseUrl}${path}`);
    expect({ path, status: response?.status() }).toEqual({ path, status: name.startsWith('404') ? 404 : 200 });
    await expectAccessible(page, name);
  }

  it(
    'has no WCAG 2.1 A/AA violation on the sign-in and the case manager’s pages',
    async () => {
      const anonymous = await newGermanPage(browser);
      await scan(anonymous.page, '/anmelden', 'Anmeldung');
      await screenshot(anonymous.page, 'anmeldung');
      await anonymous.page.getByLabel('Benutzername').fill('cm-ki');
      await anonymous.page.getByLabel('Passwort').fill('falsch');
      await go(anonymous.page, anonymous.page.getByRole('button', { name: 'Anmelden' }));
      expect(await seen(anonymous.page.locator('#hinweis'))).toContain('Benutzername oder Passwort ist falsch.');
      await expectAccessible(anonymous.page, 'Anmeldung mit Fehler');
      await anonymous.context.close();

      const { context, page } = await newGermanPage(browser);
      await signIn(page, app, 'cm-ki');
      await scan(page, '/faelle', 'Meine Fälle');
      await scan(page, '/faelle?umfang=einheit&status=alle&sortierung=aufnahme-neu', 'Fälle der Organisationseinheit');
      await scan(page, '/faelle/neu', 'Neuer Fall');
      await screenshot(page, 'fallaufnahme', { fullPage: true });
      await go(page, page.getByRole('button', { name: 'Fall aufnehmen' }));
      await expectAccessible(page, 'Neuer Fall mit Fehlern');
      await scan(page, `/faelle/${caseId}`, 'Fallakte');
      await page.goto(`${app.baseUrl}/faelle/${caseId}/aktion/beratung`);
      await go(page, page.getByRole('button', { name: 'Beratung speichern' }));
      await expectAccessible(page, 'Formular mit Fehlern');
      await scan(page, '/faelle/unbekannter-fall', '404 Fall unbekannt');
      await context.close();
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'has no WCAG 2.1 A/AA violation on any case action’s form',
    async () => {
      const { context, page } = await newGermanPage(browser);
      await signIn(page, app, 'cm-ki');
      for (const action of CASE_ACTIONS) {
        const child = action.child === 'goal' ? children.goalId : action.child === 'referral' ? children.referralId : action.child === 'follow_up' ? children.followUpId : null;
        await scan(page, `/faelle/${caseId}/aktion/${action.slug}${child === null ? '' : `/${child}`}`, `Formular ${action.title}`);
      }
      await context.close();
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'has no WCAG 2.1 A/AA violation on the pages of coordination, audit and reporting',
    async () => {
      const coordination = await newGermanPage(browser);
      await signIn(coordination.page, app, 'koordination');
      await scan(coordination.page, '/faelle', 'Fälle im Kreis');
      await scan(coordination.page, '/koordination', 'Teams und Fallzahlen');
      await screenshot(coordination.page, 'koordination-teams', { fullPage: true });
      await scan(coordination.page, '/koordination/angebotsluecken', 'Angebotslücken');
      expect(await seen(coordination.page.getByRole('table'))).toContain('Angebotslücke gemeldet im Lebensbereich Sprache, 6 Betroffene');
      await screenshot(coordination.page, 'angebotsluecken');
      await scan(coordination.page, `/faelle/${caseId}/aktion/uebergabe`, 'Übergabe durch die Koordinierung');
      await scan(coordination.page, '/pruefung/protokoll', 'Prüfprotokoll der Koordinierung');
      await coordination.context.close();

      const auditor = await newGermanPage(browser);
      await signIn(auditor.page, app, 'pruefung');
      await scan(auditor.page, '/pruefung', 'Prüfung');
      await scan(auditor.page, `/pruefung/faelle/${caseId}?schritt=0`, 'Verlauf');
      await go(auditor.page, auditor.page.getByRole('button', { name: 'Offenlegen und protokollieren' }));
      await expectAccessible(auditor.page, 'Offenlegung ohne Grund');
      await auditor.page.getByLabel('Grund der Offenlegung').fill('Prüfauftrag RPA 2026-17');
      await go(auditor.page, auditor.page.getByRole('button', { name: 'Offenlegen und protokollieren' }));
      await expectAccessible(auditor.page, 'Offengelegte Daten');
      await scan(auditor.page, '/pruefung/protokoll', 'Prüfprotokoll');
      await auditor.context.close();

      const reporting = await newGermanPage(browser);
      await signIn(reporting.page, app, 'berichtswesen');
      await scan(reporting.page, '/start', 'Start ohne Fallseiten');
      await reporting.context.close();
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'reflows at 200 % zoom: a 640 px wide window (1280 px at 200 %) needs no sideways scrolling',
    async () => {
      const { context, page } = await newGermanPage(browser, { width: 640, height: 800 });
      await signIn(page, app, 'cm-ki');
      for (const path of ['/faelle', '/faelle/neu', `/faelle/${caseId}`, `/faelle/${caseId}/aktion/aufenthaltsstatus`]) {
        await page.goto(`${app.baseUrl}${path}`);
        const overflow = await page.evaluate(() => {
          const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
          return root.scrollWidth - root.clientWidth;
        });
        expect({ path, overflow }).toEqual({ path, overflow: 0 });
      }
      await context.close();
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'explains a conflicting change made meanwhile, keeps the typed input and records it when sent again',
    async () => {
      const { context, page } = await newGermanPage(browser);
      await signIn(page, app, 'cm-ki');
      await page.goto(`${app.baseUrl}/faelle/${caseId}/aktion/beratung`);
      await page.getByLabel('Dauer in Minuten').fill('30');
      await page.getByLabel('Telefon').check();
      await page.getByLabel('Notiz zur Beratung').fill('Rückruf wegen Kursplatz');

      // Meanwhile the coordination office records a follow-up on the same case.
      const token = await app.tokenOf('koordination');
      await app.http().post(`/api/cases/${caseId}/follow-ups`).set('Authorization', `Bearer ${token}`).send({ dueOn: addDays(app.today, 14) }).expect(200);

      await go(page, page.getByRole('button', { name: 'Beratung speichern' }));
      const conflict = await seen(page.locator('#konflikt'));
      expect(conflict).toContain('Der Fall wurde inzwischen geändert');
      expect(conflict).toContain(`Wiedervorlage geplant zum ${addDays(app.today, 14).split('-').reverse().join('.')}`);
      expect(conflict).toContain('Koordinierungsstelle KI (Demo)');
      expect(await page.getByLabel('Notiz zur Beratung').inputValue()).toBe('Rückruf wegen Kursplatz');
      expect(await page.getByLabel('Dauer in Minuten').inputValue()).toBe('30');
      expect(await page.getByLabel('Telefon').isChecked()).toBe(true);
      await expectAccessible(page, 'Konflikt');
      await screenshot(page, 'konflikt');

      await go(page, page.getByRole('button', { name: 'Beratung speichern' }));
      expect(await seen(page.locator('#hinweis'))).toContain('Telefon, 30 Minuten');
      await context.close();
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'lets coordination hand a case to another organisation unit from the district list',
    async () => {
      const { context, page } = await newGermanPage(browser);
      await signIn(page, app, 'koordination');
      await page.goto(`${app.baseUrl}/faelle?einheit=demo-ki`);
      const row = page.locator('tbody tr', { has: page.getByRole('link', { name: 'Kovalenko, Olena' }) });
      await go(page, row.getByRole('link', { name: /Übergeben/ }));
      expect(await seen(page.locator('h1'))).toBe('Fall übergeben');
      await page.getByLabel('Neue Fallverantwortung').selectOption({ label: 'Case Management DRK (Demo)' });
      await page.getByLabel('Begründung').fill('Wohnortwechsel in den Südkreis');
      await go(page, page.getByRole('button', { name: 'Fall übergeben' }));
      expect(await seen(page.locator('#hinweis'))).toContain('Fall übergeben von');
      expect(await seen(page.locator('section', { has: page.locator('#ueberblick') }))).toContain('Organisationseinheit DRK-Kreisverband Heinsberg');
      await context.close();
    },
    JOURNEY_TIMEOUT_MS,
  );
});
