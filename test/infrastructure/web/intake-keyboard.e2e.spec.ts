import type { Browser, Page } from 'playwright-core';
import { JOURNEY_TIMEOUT_MS, launchChromium, newGermanPage, seen, signIn, startWebApp, tabTo, type WebTestApp } from './web-app.fixtures';

/**
 * The intake completed with the keyboard alone: Tab to move, typing, Space for radio buttons and check boxes,
 * letters to choose in a list, Enter to follow a link or send the form. No click after signing in.
 */
describe('the intake form with the keyboard alone, in Chromium', () => {
  let app: WebTestApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startWebApp();
    browser = await launchChromium();
  }, JOURNEY_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const focused = (page: Page) => page.evaluate(() => {
    const element = (globalThis as unknown as { document: { activeElement: { id: string; className: string } | null } }).document.activeElement;
    return element === null ? '' : element.id || element.className;
  });

  async function type(page: Page, selector: string, text: string) {
    await tabTo(page, selector);
    await page.keyboard.type(text);
  }

  async function press(page: Page, selector: string, key: string) {
    await tabTo(page, selector);
    await page.keyboard.press(key);
  }

  it(
    'reaches every field by Tab, shows the errors where the focus lands, and records case and consent',
    async () => {
      const { context, page } = await newGermanPage(browser);
      await signIn(page, app, 'cm-ki');

      // From the top of the page: the skip link first, then the navigation to the intake.
      await page.keyboard.press('Tab');
      expect(await seen(page.locator(':focus'))).toBe('Zum Inhalt springen');
      await tabTo(page, 'a[href="/faelle/neu"]');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      expect(await seen(page.locator('h1'))).toBe('Neuer Fall');

      // Sent with the required names missing: the focus moves to the error summary, whose link leads to the field.
      await type(page, '#feld-client-personal-dateOfBirth', '12.04.1990');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      expect(await focused(page)).toBe('fallaufnahme-fehler');
      await page.keyboard.press('Tab');
      expect(await seen(page.locator(':focus'))).toBe('Vorname(n): Bitte füllen Sie dieses Feld aus.');
      await page.keyboard.press('Enter');
      expect(await focused(page)).toBe('feld-client-personal-givenName');
      expect(await page.locator('#feld-client-personal-dateOfBirth').inputValue()).toBe('12.04.1990');

      await page.keyboard.type('Tesfay');
      await type(page, '#feld-client-personal-familyName', 'Gebremedhin');
      await type(page, '#feld-client-personal-contact-phone', '+49 2452 998877');
      await type(page, '#feld-client-personal-address-street', 'Hochstraße 12');
      await type(page, '#feld-client-personal-address-postalCode', '52525');
      await type(page, '#feld-client-personal-address-city', 'Heinsberg');
      // A radio group is one Tab stop; the arrow keys choose within it.
      await press(page, '#feld-client-profile-gender-0', 'ArrowDown');
      await type(page, '#feld-client-profile-birthYear', '1990');
      await type(page, '#feld-client-profile-countryOfOrigin', 'Eritrea');
      await type(page, '#feld-client-profile-languages', 'ti, ar');
      await type(page, '#feld-client-profile-householdSize', '3');
      await press(page, '#feld-channel-0', 'ArrowDown');
      await press(page, '#feld-entryCriteria-0', 'Space');
      await press(page, '#feld-entryCriteria-3', 'Space');
      await type(page, '#feld-consent-formVersion', 'KIM-EW-2024-1');
      await type(page, '#feld-consent-language', 'Tigrinya');
      await tabTo(page, 'form#fallaufnahme button[type="submit"]');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);

      expect(await seen(page.locator('h1'))).toBe('Gebremedhin, Tesfay');
      expect(await seen(page.locator('#hinweis'))).toContain('Fall aufgenommen am');
      expect(await seen(page.locator('#hinweis'))).toContain('(Aufsuchende Arbeit)');
      expect(await seen(page.locator('#hinweis'))).toContain('Einwilligung erteilt: Teilnahme am Case Management');
      const overview = await seen(page.locator('section', { has: page.locator('#ueberblick') }));
      expect(overview).toContain('Geburtsdatum 12.04.1990');
      expect(overview).toContain('Geschlecht männlich');
      expect(overview).toContain('Herkunftsland Eritrea');
      expect(overview).toContain('Sprachen Tigrinya, Arabisch');
      expect(overview).toContain('Zugangskriterien Komplexe Problemlage, Rechtskreiswechsel steht bevor');
      expect(overview).toContain('Einwilligung Case Management liegt vor');
      await context.close();
    },
    JOURNEY_TIMEOUT_MS,
  );
});
