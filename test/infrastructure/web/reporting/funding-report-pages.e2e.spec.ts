import type { Browser, Page } from 'playwright-core';
import { EVENT_STORE, type EventStore } from '../../../../src/application/ports/event-store.port';
import type { FundingReportComparison } from '../../../../src/domain/reporting/funding-report.comparison';
import type { FundingReport, PublishedValue } from '../../../../src/domain/reporting/funding-report.model';
import { addDays, yearOf } from '../../../../src/domain/time/calendar-date.value';
import { FUNDING_REPORT_PROJECTION } from '../../../../src/projections/funding-report/funding-report.projection';
import { CheckpointWaiter } from '../../../../src/projections/read/checkpoint.waiter';
import {
  expectAccessible,
  go,
  JOURNEY_TIMEOUT_MS,
  launchChromium,
  newGermanPage,
  screenshot,
  seedDemoCases,
  seen,
  signIn,
  startWebApp,
  type WebTestApp,
} from '../web-app.fixtures';

/** How the page writes a date: the form takes it as people type it. */
const german = (date: string) => date.split('-').reverse().join('.');

/** A figure as the page shows it, read back: "1.234", "20,5", "<5", "x", "–". */
function valueOf(text: string): PublishedValue {
  if (text === '<5' || text === 'x') return text;
  if (text === '–') return null;
  return Number(text.replace(/\./g, '').replace(',', '.'));
}

/** Every report table of the page: its rows as label and figures, without what only screen readers hear. */
async function tablesOnPage(page: Page): Promise<Record<string, Array<[string, PublishedValue[]]>>> {
  const raw = await page.locator('table[id^="tabelle-"]').evaluateAll((tables) => {
    interface Node {
      id: string;
      textContent: string | null;
      cloneNode(deep: boolean): Node;
      remove(): void;
      querySelectorAll(selector: string): ArrayLike<Node>;
    }
    const visibleText = (cell: Node) => {
      const copy = cell.cloneNode(true);
      Array.from(copy.querySelectorAll('.visually-hidden')).forEach((hidden) => hidden.remove());
      return (copy.textContent ?? '').trim();
    };
    return (tables as unknown as Node[]).map((table) => [
      table.id,
      Array.from(table.querySelectorAll('tbody tr')).map((row) => [visibleText(row.querySelectorAll('th')[0]), Array.from(row.querySelectorAll('td')).map(visibleText)]),
    ]);
  });
  return Object.fromEntries(
    (raw as Array<[string, Array<[string, string[]]>]>).map(([id, rows]) => [id, rows.map(([label, cells]) => [label, cells.map(valueOf)] as [string, PublishedValue[]])]),
  );
}

/** The same report's tables from the API's JSON, keyed as the page keys them. */
function tablesOfReport(report: FundingReport): Record<string, Array<[string, PublishedValue[]]>> {
  const tables = report.groups.flatMap((group) => group.tables);
  return Object.fromEntries(
    tables.map((table) => [
      `tabelle-${table.id.replace(/[^A-Za-z0-9-]+/g, '-')}`,
      [...table.rows, ...(table.totalRow === null ? [] : [table.totalRow])].map((row) => [row.label, row.cells] as [string, PublishedValue[]]),
    ]),
  );
}

/**
 * The funding report page in Chromium, on the whole service with synthetic demo cases recorded through the
 * command path: the reporting account lands on it, the figures it shows are the API's to the last cell, each
 * table of counts has a bar chart with an accessible name, the files come from the API with the session
 * cookie, a comparison explains what changed, axe finds nothing, and a case manager gets neither link nor page.
 */
describe('the funding report pages in Chromium', () => {
  let app: WebTestApp;
  let browser: Browser;
  let year: string;

  beforeAll(async () => {
    app = await startWebApp();
    browser = await launchChromium();
    year = String(yearOf(app.today));
    await seedDemoCases(app, ['cm-ki', 'cm-drk', 'cm-diakonie'], 24);
    // The report reads the read model as it is: wait until it has applied everything the seed recorded.
    const store = app.app.get<EventStore>(EVENT_STORE);
    let head: string | null = null;
    for (let page = await store.readAll({ limit: 5_000 }); page.events.length > 0; page = await store.readAll({ after: head, limit: 5_000 })) head = page.checkpoint;
    const waited = await app.app.get(CheckpointWaiter, { strict: false }).waitForCheckpoint([FUNDING_REPORT_PROJECTION], head!, 120_000);
    expect(waited).toEqual({ caughtUp: true, behind: [] });
  }, JOURNEY_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it(
    'leads the reporting account to the report, whose tables and charts are the API’s figures',
    async () => {
      const { context, page } = await newGermanPage(browser);
      await signIn(page, app, 'berichtswesen');
      expect(new URL(page.url()).pathname).toBe('/berichte');
      expect(await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link').allInnerTexts()).toEqual(['Förderbericht']);

      await page.getByLabel('Berichtszeitraum').selectOption(year);
      await page.getByLabel('Datenstand', { exact: true }).fill(german(app.today));
      await go(page, page.getByRole('button', { name: 'Bericht anzeigen' }));
      expect(new URL(page.url()).search).toBe(`?period=${year}&organisationUnit=&asRecordedOn=${encodeURIComponent(german(app.today))}`);

      // The API answers the page's own session cookie: what the page shows, a program gets.
      const api = await page.request.get(`${app.baseUrl}/api/reports/funding?period=${year}&asRecordedOn=${app.today}`);
      expect(api.status()).toBe(200);
      const report = (await api.json()) as FundingReport;
      expect(report.groups[0].tables[0].rows[0].cells[0]).not.toBe(0);
      expect(await tablesOnPage(page)).toEqual(tablesOfReport(report));
      expect(await seen(page.locator('main'))).toContain(`Jahr ${year} (01.01.${year} bis 31.12.${year})`);

      for (const title of ['Abschlüsse im Zeitraum nach Grund', 'Personen nach Geschlecht', 'Personen nach Altersgruppe', 'Beratungsgespräche nach Form']) {
        const chart = page.getByRole('img', { name: `Balkendiagramm: ${title}. Die Zahlen stehen in der Tabelle.` });
        expect({ title, charts: await chart.count() }).toEqual({ title, charts: 1 });
      }
      const gender = report.groups.flatMap((group) => group.tables).find((table) => table.id === 'people.gender')!;
      const drawn = gender.rows.filter((row) => typeof row.cells[0] === 'number' && row.cells[0] > 0).length;
      expect(await page.locator('#tabelle-people-gender-diagramm').locator('xpath=..').locator('rect').count()).toBe(drawn);
      expect(await page.getByRole('img', { name: /^Balkendiagramm: Verweisungen im Zeitraum nach Stelle.*Spalte „Insgesamt“/ }).count()).toBe(1);

      await expectAccessible(page, 'Förderbericht');
      await screenshot(page, 'foerderbericht');
      await page.locator('#gruppe-people').evaluate((heading) => (heading as unknown as { scrollIntoView(): void }).scrollIntoView());
      await screenshot(page, 'foerderbericht-tabellen');

      const token = await app.tokenOf('berichtswesen');
      for (const [name, type] of [
        ['Bericht als CSV herunterladen', 'text/csv; charset=utf-8'],
        ['Bericht als Excel-Arbeitsmappe (XLSX) herunterladen', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ]) {
        const href = (await page.getByRole('link', { name }).getAttribute('href'))!;
        expect(href).toContain(`asRecordedOn=${app.today}`);
        const file = await page.request.get(`${app.baseUrl}${href}`);
        expect({ name, status: file.status(), type: file.headers()['content-type'], attachment: file.headers()['content-disposition']?.startsWith('attachment;') }).toEqual({
          name,
          status: 200,
          type,
          attachment: true,
        });
        if (type.startsWith('text/csv')) {
          const viaToken = await app.http().get(href).set('Authorization', `Bearer ${token}`).expect(200);
          expect(await file.text()).toBe(viaToken.text);
        }
      }
      await context.close();
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'compares two Datenstände and explains the change by what was entered in between',
    async () => {
      const { context, page } = await newGermanPage(browser);
      await signIn(page, app, 'berichtswesen');
      await page.goto(`${app.baseUrl}/berichte?period=${year}`);
      const yesterday = addDays(app.today, -1);
      await page.getByLabel('Früherer Datenstand').fill(german(yesterday));
      await go(page, page.getByRole('button', { name: 'Datenstände vergleichen' }));
      expect(new URL(page.url()).pathname).toBe('/berichte/vergleich');
      expect(await seen(page.locator('h1'))).toBe('Förderberichte vergleichen');

      const api = await page.request.get(`${app.baseUrl}/api/reports/funding/comparison?period=${year}&before=${yesterday}&after=${app.today}`);
      const comparison = (await api.json()) as FundingReportComparison;
      // Every case was recorded today: the earlier report was empty, the later one is not.
      expect(comparison.changes.length).toBeGreaterThan(0);
      const rows = await page.locator('#geaenderte-zahlen tbody tr').evaluateAll((found) =>
        found.map((row) => Array.from((row as unknown as { children: ArrayLike<{ textContent: string | null }> }).children, (cell) => (cell.textContent ?? '').trim())),
      );
      expect(rows.map(([table, row, column]) => [table, row, column])).toEqual(comparison.changes.map((change) => [change.tableTitle, change.rowLabel, change.columnLabel]));
      expect(rows.map((row) => row[4].replace(/ \(.*\)$/, ''))).toEqual(comparison.changes.map((change) => String(change.after).replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/g, '.')));
      const lateEntries = await seen(page.locator('section', { has: page.getByRole('heading', { name: 'Nachträge' }) }));
      for (const cause of comparison.lateEntries) expect(lateEntries).toContain(`${cause.label} ${cause.count}`);
      expect(comparison.lateEntries.map((cause) => cause.label)).toContain('Beratungsgespräche');

      await expectAccessible(page, 'Vergleich zweier Datenstände');
      await page.locator('#vergleich-ergebnis').evaluate((heading) => (heading as unknown as { scrollIntoView(): void }).scrollIntoView());
      await screenshot(page, 'foerderbericht-vergleich');

      await page.getByLabel('Früherer Datenstand').fill(german(app.today));
      await page.getByLabel('Späterer Datenstand').fill(german(yesterday));
      await go(page, page.getByRole('button', { name: 'Datenstände vergleichen' }));
      expect(await seen(page.locator('#feld-after-fehler'))).toBe('Fehler: Der spätere Datenstand (after) muss nach dem früheren (before) liegen.');
      await expectAccessible(page, 'Vergleich mit Fehler');
      await context.close();
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'names each problem of the request at its field, and the report is not shown',
    async () => {
      const { context, page } = await newGermanPage(browser);
      await signIn(page, app, 'koordination');
      const future = await page.goto(`${app.baseUrl}/berichte?period=${year}&asRecordedOn=${german(addDays(app.today, 1))}`);
      expect(future?.status()).toBe(422);
      expect(await seen(page.locator('.error-summary'))).toContain('Datenstand: Der Datenstand darf nicht in der Zukunft liegen');
      expect(await page.getByLabel('Datenstand', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('table').count()).toBe(0);
      await expectAccessible(page, 'Förderbericht mit Fehler');

      const malformed = await page.goto(`${app.baseUrl}/berichte?period=${year}&asRecordedOn=31.02.${year}`);
      expect(malformed?.status()).toBe(400);
      expect(await seen(page.locator('#feld-asRecordedOn-fehler'))).toBe('Fehler: Bitte geben Sie ein gültiges Datum im Format TT.MM.JJJJ an, z. B. 06.03.2025.');

      const foreign = await page.goto(`${app.baseUrl}/berichte?period=${year}&organisationUnit=gibt-es-nicht`);
      expect(foreign?.status()).toBe(404);
      expect(await seen(page.locator('#feld-organisationUnit-fehler'))).toBe('Fehler: Diese Organisationseinheit gibt es in Ihrem Kreis nicht.');
      await context.close();
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'offers coordination and auditors the report, case managers neither the link nor the page',
    async () => {
      for (const username of ['koordination', 'pruefung']) {
        const { context, page } = await newGermanPage(browser);
        await signIn(page, app, username);
        await go(page, page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Förderbericht' }));
        expect({ username, heading: await seen(page.locator('h1')) }).toEqual({ username, heading: 'Förderbericht' });
        await context.close();
      }

      const { context, page } = await newGermanPage(browser);
      await signIn(page, app, 'cm-ki');
      expect(await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Förderbericht' }).count()).toBe(0);
      for (const path of ['/berichte', `/berichte/vergleich?period=${year}&before=${app.today}`]) {
        const response = await page.goto(`${app.baseUrl}${path}`);
        expect({ path, status: response?.status(), heading: await seen(page.locator('h1')) }).toEqual({ path, status: 403, heading: 'Kein Zugriff' });
      }
      expect((await page.request.get(`${app.baseUrl}/api/reports/funding?period=${year}`)).status()).toBe(403);
      await expectAccessible(page, 'Kein Zugriff auf Berichte');
      await context.close();
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'reflows at 200 % zoom: a 640 px wide window needs no sideways scrolling',
    async () => {
      const { context, page } = await newGermanPage(browser, { width: 640, height: 800 });
      await signIn(page, app, 'berichtswesen');
      for (const path of [`/berichte?period=${year}`, `/berichte/vergleich?period=${year}&before=${addDays(app.today, -1)}`]) {
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
});
