import AxeBuilder from '@axe-core/playwright';
import { CommandBus } from '@nestjs/cqrs';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import type { CaseCommandResult, ExecuteCaseCommand } from '../../../src/application/cases/execute-case-command';
import { addDays, type CalendarDate } from '../../../src/domain/time/calendar-date.value';
import { germanCalendarDate } from '../../../src/domain/time/instant.value';
import { seedSyntheticCases } from '../../../src/infrastructure/demo/synthetic-cases.seeder';
import { AccountsRepository } from '../../../src/infrastructure/identity/accounts.repository';
import { DEMO_PASSWORD } from '../../../src/infrastructure/identity/demo-district.seed';
import { postgresTestUrl } from '../../support/test-database';
import { startTestApi, type TestApi } from '../http/cases/case-api.fixtures';

/** Debian's chromium; never a downloaded browser. */
export const CHROMIUM_PATH = process.env.KIM_TEST_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The screenshots in docs/ that the README shows: written by the browser tests on every run. */
export const SCREENSHOT_DIRECTORY = join(__dirname, '..', '..', '..', 'docs', 'screenshots');

/** WCAG 2.1 level A and AA, as BITV 2.0 requires: axe-core's tags for exactly those rules. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** A browser journey takes a while on two shared cores; no assertion depends on this. */
export const JOURNEY_TIMEOUT_MS = 480_000;

export interface WebTestApp extends TestApi {
  baseUrl: string;
  today: CalendarDate;
  userIdOf(username: string): Promise<string>;
}

/**
 * The whole service on a random port, as `main.ts` runs it, on a fresh database: PGlite in memory, or its own
 * schema on the PostgreSQL server when KIM_TEST_DATABASE_URL is set (always in CI).
 */
export async function startWebApp(): Promise<WebTestApp> {
  const api = await startTestApi(postgresTestUrl() ? 'postgres' : 'pglite');
  await api.app.listen(0, '127.0.0.1');
  const { port } = api.app.getHttpServer().address() as AddressInfo;
  const accounts = api.app.get(AccountsRepository, { strict: false });
  return {
    ...api,
    baseUrl: `http://127.0.0.1:${port}`,
    today: germanCalendarDate(Date.now()),
    async userIdOf(username) {
      const found = await accounts.findCredentials(username);
      if (found === null) throw new Error(`no demo account ${username}`);
      return found.principal.userId;
    },
  };
}

/**
 * Fails (never skips) without the browser: CI installs it with `apt-get install -y chromium`; a developer
 * machine without it gets this message instead of a silently green run.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: the browser tests need Debian's chromium. Install it with: apt-get install -y chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A German desktop browser; axe needs a page of its own context. */
export async function newGermanPage(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport });
  return { context, page: await context.newPage() };
}

export async function signIn(page: Page, app: WebTestApp, username: string): Promise<void> {
  await page.goto(`${app.baseUrl}/anmelden`);
  await page.getByLabel('Benutzername').fill(username);
  await page.getByLabel('Passwort').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/anmelden'));
}

/** Zero violations of WCAG 2.1 A/AA on the page as it is now; the failure names rule, impact and elements. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  // A scan that checked nothing (no document, rules not loaded) must not pass as a clean one.
  expect(results.passes.length).toBeGreaterThan(10);
  const violations = results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    elements: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
  }));
  expect({ page: name, violations }).toEqual({ page: name, violations: [] });
}

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(SCREENSHOT_DIRECTORY, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIRECTORY, `${name}.png`), fullPage: options.fullPage ?? false });
}

/** Synthetic cases through the real command path, spread over the given case managers, for a lived-in list. */
export async function seedDemoCases(app: WebTestApp, usernames: string[], count: number): Promise<void> {
  const commandBus = app.app.get(CommandBus);
  const caseManagers = await Promise.all(
    usernames.map(async (username) => {
      const { principal } = (await app.app.get(AccountsRepository, { strict: false }).findCredentials(username))!;
      return { userId: principal.userId, role: principal.role, organisationUnitId: principal.organisationUnitId!, districtId: principal.districtId };
    }),
  );
  await seedSyntheticCases((command: ExecuteCaseCommand) => commandBus.execute<ExecuteCaseCommand, CaseCommandResult>(command), {
    count,
    seed: 11,
    today: app.today,
    caseManagers,
  });
}

/** A case opened through the API, as another client would, with a consent and whatever else the test needs. */
export async function openCaseThroughApi(
  app: WebTestApp,
  username: string,
  client: { givenName: string; familyName: string },
  openedDaysAgo: number,
): Promise<{ caseId: string; command(path: string, body: object): Promise<Record<string, unknown>> }> {
  const token = await app.tokenOf(username);
  const openedOn = addDays(app.today, -openedDaysAgo);
  const opened = await app
    .http()
    .post('/api/cases')
    .set('Authorization', `Bearer ${token}`)
    .send({
      openedOn,
      channel: 'outreach',
      entryCriteria: ['complex_needs', 'jurisdiction_change_pending'],
      client: {
        personal: { ...client, dateOfBirth: '1990-04-12', contact: { phone: '+49 2452 1234567', email: null }, address: null },
        profile: { birthYear: 1990, gender: 'female', countryOfOrigin: 'SY', languages: ['ar', 'de'], arrivalYearInGermany: 2016, arrivalYearInDistrict: 2017, householdSize: 4 },
      },
    })
    .expect(201);
  const caseId = opened.body.caseId as string;
  const command = async (path: string, body: object) => {
    const response = await app.http().post(`/api/cases/${caseId}/${path}`).set('Authorization', `Bearer ${token}`).send(body);
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return response.body as Record<string, unknown>;
  };
  await command('consents', { purpose: 'case_management', formVersion: 'KIM-EW-2024-1', language: 'ar', givenOn: openedOn });
  return { caseId, command };
}

/** Presses Tab until `selector` has the focus, as a keyboard user moves through a page; fails if it never does. */
export async function tabTo(page: Page, selector: string, maxPresses = 120): Promise<void> {
  for (let press = 0; press < maxPresses; press += 1) {
    if (await page.locator(selector).evaluate((element) => element.matches(':focus'))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} never received the focus by Tab`);
}

/** Clicks a link or a submit button and waits for the page it leads to (a redirect after POST included). */
export async function go(page: Page, target: Locator): Promise<void> {
  await Promise.all([page.waitForNavigation(), target.click()]);
}

/** The text a reader sees, whitespace collapsed. */
export async function seen(target: Locator): Promise<string> {
  return (await target.innerText()).replace(/\s+/g, ' ').trim();
}

/** What assistive technology reads as the field's description: the texts its aria-describedby points at. */
export async function descriptionOf(page: Page, field: Locator): Promise<string> {
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter((id) => id !== '');
  const texts = await Promise.all(ids.map((id) => seen(page.locator(`[id="${id}"]`))));
  return texts.join(' ');
}
