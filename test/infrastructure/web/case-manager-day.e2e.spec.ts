import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../../src/domain/time/calendar-date.value';
import {
  descriptionOf,
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
 * A case manager's day in a real browser, then an auditor replaying the same case: every step through the
 * pages only, against the whole service. What the pages confirm is checked against what the API then reads.
 */
describe('a case manager’s day and the auditor’s replay, in Chromium', () => {
  let app: WebTestApp;
  let browser: Browser;
  let caseId: string;

  beforeAll(async () => {
    app = await startWebApp();
    browser = await launchChromium();
    await seedDemoCases(app, ['cm-ki', 'cm-drk'], 8);
    // The case of the day: its permit expires in 30 days and a follow-up is overdue, so it heads the list.
    const haddad = await openCaseThroughApi(app, 'cm-ki', { givenName: 'Amina', familyName: 'Haddad' }, 40);
    caseId = haddad.caseId;
    await haddad.command('legal-status-changes', {
      status: { category: 'asylum_seeker', legalBasis: 'asylg_55', document: 'permission_to_reside_certificate', validFrom: addDays(app.today, -300), validUntil: addDays(app.today, 30) },
      effectiveOn: addDays(app.today, -40),
      source: 'document_seen',
    });
    await haddad.command('jurisdiction-changes', { to: 'asylblg', effectiveOn: addDays(app.today, -40) });
    await haddad.command('follow-ups', { dueOn: addDays(app.today, -3), note: 'Nachweis Sprachkurs anfordern' });
  }, JOURNEY_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const inSection = (page: Page, heading: string) => page.locator('section', { has: page.getByRole('heading', { level: 2, name: heading }) });

  it(
    'signs in, finds the case, records a session, a referral and its outcome, a new residence status, and closes the case',
    async () => {
      const { context, page } = await newGermanPage(browser);
      await signIn(page, app, 'cm-ki');
      const notice = page.locator('#hinweis');

      expect(await seen(page.locator('h1'))).toBe('Meine Fälle');
      // Urgent cases come first: the case of the day is on the first page, flagged in words.
      const row = page.locator('tbody tr', { has: page.getByRole('link', { name: 'Haddad, Amina' }) });
      expect(await seen(row)).toContain('⚠ 1 Wiedervorlage überfällig');
      expect(await seen(row)).toContain('⚠ Aufenthaltstitel läuft ab am');
      expect(await row.getAttribute('class')).toContain('is-urgent');
      await screenshot(page, 'meine-faelle', { fullPage: true });
      await go(page, row.getByRole('link', { name: 'Haddad, Amina' }));
      expect(await seen(page.locator('h1'))).toBe('Haddad, Amina');
      expect(await seen(inSection(page, 'Aufenthaltsstatus und Rechtskreis'))).toContain('⚠ läuft in 30 Tagen ab');

      // A session, first sent incomplete: the errors are listed, tied to their fields, and the input stays.
      await go(page, page.getByRole('link', { name: 'Beratungskontakt erfassen' }));
      await page.getByLabel('Notiz zur Beratung').fill('Hausbesuch, Familie anwesend; Unterlagen gesichtet.');
      await go(page, page.getByRole('button', { name: 'Beratung speichern' }));
      expect(await page.getByRole('heading', { name: 'Bitte prüfen Sie Ihre Eingaben' }).isVisible()).toBe(true);
      const duration = page.getByLabel('Dauer in Minuten');
      expect(await duration.getAttribute('aria-invalid')).toBe('true');
      expect(await descriptionOf(page, duration)).toContain('Bitte füllen Sie dieses Feld aus.');
      expect(await page.getByLabel('Notiz zur Beratung').inputValue()).toBe('Hausbesuch, Familie anwesend; Unterlagen gesichtet.');
      await screenshot(page, 'formular-mit-fehlern');
      await duration.fill('60');
      await page.getByLabel('Hausbesuch').check();
      await page.getByLabel('Aufenthaltsrecht').check();
      await page.getByLabel('Wohnen').check();
      await page.getByLabel('Dolmetschung').selectOption('ar');
      await page.getByLabel('Anwesende Haushaltsmitglieder außer der Person selbst').fill('2');
      await go(page, page.getByRole('button', { name: 'Beratung speichern' }));
      expect(await seen(notice)).toContain('Hausbesuch, 60 Minuten (Aufenthaltsrecht, Wohnen), mit Dolmetschung');

      await go(page, page.getByRole('link', { name: 'Weiterleitung erfassen' }));
      await page.getByLabel('Art der Stelle').selectOption({ label: 'Jobcenter' });
      await page.getByLabel('Name der Stelle').fill('Jobcenter Kreis Heinsberg');
      await page.getByLabel('Lebensbereich').selectOption({ label: 'Arbeit und Einkommen' });
      await page.getByLabel('Anlass').fill('Antrag auf Grundsicherung nach der Anerkennung');
      await go(page, page.getByRole('button', { name: 'Weiterleitung speichern' }));
      expect(await seen(notice)).toContain('Weiterleitung an Jobcenter (Arbeit und Einkommen)');
      expect(await seen(inSection(page, 'Weiterleitungen'))).toContain('offen seit 0 Tagen');

      await go(page, inSection(page, 'Weiterleitungen').getByRole('link', { name: /Ergebnis erfassen/ }));
      await page.getByLabel('angenommen').check();
      await go(page, page.getByRole('button', { name: 'Ergebnis speichern' }));
      expect(await seen(notice)).toContain('Ergebnis der Weiterleitung: angenommen');
      expect(await seen(inSection(page, 'Weiterleitungen'))).toContain('Ergebnis: angenommen');

      await go(page, page.getByRole('link', { name: 'Aufenthaltsstatus ändern' }));
      await page.getByLabel('Art des Aufenthaltsstatus').selectOption({ label: 'Aufenthaltserlaubnis' });
      await page.getByLabel('Rechtsgrundlage').selectOption('aufenthg_25_2');
      await page.getByLabel('Vorgelegtes Dokument').selectOption({ label: 'Elektronischer Aufenthaltstitel (eAT)' });
      await page.getByLabel('Gültig ab (laut Dokument)').fill(app.today);
      await page.getByLabel('Gültig bis (laut Dokument)').fill(addDays(app.today, 3 * 365));
      await page.getByLabel('Mitteilung der Behörde').check();
      await go(page, page.getByRole('button', { name: 'Aufenthaltsstatus speichern' }));
      expect(await seen(notice)).toContain('Aufenthaltsstatus: Aufenthaltserlaubnis (§ 25 Abs. 2 AufenthG)');
      const residence = inSection(page, 'Aufenthaltsstatus und Rechtskreis');
      expect(await seen(residence)).not.toContain('läuft in 30 Tagen ab');
      expect(await seen(residence.getByRole('table'))).toContain('Aufenthaltsgestattung');
      expect(await seen(residence.getByRole('table'))).toContain('§ 25 Abs. 2 AufenthG');
      await screenshot(page, 'fallakte', { fullPage: true });

      await go(page, page.getByRole('link', { name: 'Fall abschließen' }));
      await page.getByLabel('An Regeldienste übergeben').check();
      await page.getByLabel('Zusammenfassung').fill('An Jobcenter und Regelberatung übergeben.');
      await page.getByLabel('Begründung').fill('Ziele erreicht, Anschluss gesichert.');
      await go(page, page.getByRole('button', { name: 'Fall abschließen' }));
      expect(await seen(notice)).toContain('Fall abgeschlossen am');
      expect(await page.getByRole('link', { name: 'Fall wieder aufnehmen' }).count()).toBe(1);
      expect(await page.getByRole('link', { name: 'Beratungskontakt erfassen' }).count()).toBe(0);

      // What the pages recorded is what the API reads.
      const token = await app.tokenOf('cm-ki');
      const file = await app.http().get(`/api/cases/${caseId}`).set('Authorization', `Bearer ${token}`).expect(200);
      expect(file.body.events.map((event: { type: string }) => event.type).slice(-5)).toEqual([
        'CounsellingSessionHeld',
        'ReferralMade',
        'ReferralOutcomeRecorded',
        'LegalStatusChanged',
        'CaseClosed',
      ]);
      await context.close();
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'lets an auditor replay that case entry by entry, see the state after each, check integrity and reveal a masked field for a reason',
    async () => {
      const { context, page } = await newGermanPage(browser);
      await signIn(page, app, 'pruefung');
      expect(await seen(page.locator('h1'))).toBe('Prüfung');
      await page.getByLabel('Fallkennung').fill(caseId);
      await go(page, page.getByRole('button', { name: 'Verlauf öffnen' }));

      expect(await seen(page.locator('.integrity'))).toContain('✔ Integrität bestätigt');
      expect(await seen(page.getByRole('heading', { level: 2 }).first())).toBe('Stand 0: Fallaufnahme');
      expect(await seen(page.getByRole('table', { name: 'Gespeicherte Daten des Eintrags' }))).toContain('client.personal ●●●● (maskiert)');
      expect(await seen(page.locator('main'))).not.toContain('Haddad');
      const total = Number(/von (\d+)/.exec(await seen(page.locator('.stepper strong')))![1]);

      const phases: string[] = [];
      for (let step = 1; step <= total; step += 1) {
        expect(await seen(page.locator('.stepper strong'))).toBe(`Eintrag ${step} von ${total}`);
        phases.push(await seen(page.locator('.state-table tr', { hasText: 'Phase' }).locator('td')));
        if (step < total) await go(page, page.getByRole('link', { name: 'Nächster Eintrag →' }));
      }
      expect(phases[0]).toBe('Klärung und Fallaufnahme');
      expect(phases[phases.length - 1]).toBe('Abgeschlossen');
      expect(await seen(page.locator('.state-table'))).toContain('Aufenthaltserlaubnis (§ 25 Abs. 2 AufenthG)');
      expect(await page.getByRole('link', { name: 'Nächster Eintrag →' }).count()).toBe(0);
      await screenshot(page, 'pruefung-verlauf', { fullPage: true });

      // Back to the intake: its identity is masked; a reason naming the person is refused, a file reference is not.
      await go(page, page.getByRole('link', { name: 'Erster Eintrag' }));
      const reason = page.getByLabel('Grund der Offenlegung');
      await reason.fill('Prüfung Haddad');
      await go(page, page.getByRole('button', { name: 'Offenlegen und protokollieren' }));
      expect(await descriptionOf(page, reason)).toContain('Angaben zur Person');
      expect(await reason.inputValue()).toBe('Prüfung Haddad');
      await reason.fill('Prüfauftrag RPA 2026-17');
      await page.getByLabel('client.personal').check();
      await go(page, page.getByRole('button', { name: 'Offenlegen und protokollieren' }));
      expect(await seen(page.locator('h1'))).toBe('Offengelegte Daten');
      expect(await seen(page.locator('#hinweis'))).toContain('Grund: Prüfauftrag RPA 2026-17');
      expect(await seen(page.getByRole('table'))).toContain('client.personal.familyName Haddad');
      await screenshot(page, 'pruefung-offenlegung');

      await page.goto(`${app.baseUrl}/pruefung/protokoll?fall=${caseId}&zugriff=reveal`);
      expect(await seen(page.getByRole('table'))).toContain('Offenlegung personenbezogener Daten');
      expect(await seen(page.getByRole('table'))).toContain('Prüfauftrag RPA 2026-17');
      await context.close();
    },
    JOURNEY_TIMEOUT_MS,
  );
});
