import type { QueryBus } from '@nestjs/cqrs';
import type { Principal } from '../../../../src/application/identity/principal';
import { CompareFundingReportsQuery } from '../../../../src/application/reporting/compare-funding-reports.query';
import { GetFundingReportQuery } from '../../../../src/application/reporting/get-funding-report.query';
import {
  AsRecordedOnInFutureError,
  ComparisonOrderError,
  ReportOrganisationUnitNotFoundError,
} from '../../../../src/domain/reporting/reporting.errors';
import type { DistrictUnitsReader } from '../../../../src/infrastructure/web/reporting/district-units.reader';
import { FundingReportPagesController } from '../../../../src/infrastructure/web/reporting/funding-report-pages.controller';
import { TemplateRenderer } from '../../../../src/infrastructure/web/rendering/template.renderer';
import type { WebRequest, WebResponse } from '../../../../src/infrastructure/web/web-http';
import { ReadModelNotReadyError } from '../../../../src/projections/read/read-model.locator';
import { reportOf, reportRequest } from '../../../domain/reporting/funding-report.fixtures';
import { AS_RECORDED_A, DISTRICT, fundingDistrictLog, KI } from '../../../support/funding-district.fixture';

/**
 * The report pages without a server: what the form asks the query bus, and how each answer the bus can give
 * becomes a page (the report, a refusal at the field it names, a read model still building). The browser
 * test covers the real service, the figures and accessibility.
 */
const READER: Principal = { userId: 'u-reporting', username: 'berichtswesen', displayName: 'Berichtswesen', role: 'reporting', organisationUnitId: null, districtId: DISTRICT };

interface Sent {
  status: number;
  headers: Record<string, string>;
  html: string;
}

function pages(answer: (query: unknown) => Promise<unknown>) {
  const asked: unknown[] = [];
  const queries = { execute: (query: unknown) => (asked.push(query), answer(query)) } as unknown as QueryBus;
  const units = { ofDistrict: async () => [{ id: KI, name: 'Integrationszentrum' }] } as unknown as DistrictUnitsReader;
  // 15 May 2025: the last completed quarter is the first one of 2025.
  const controller = new FundingReportPagesController(queries, units, new TemplateRenderer(), { now: () => new Date('2025-05-15T10:00:00Z') });
  async function open(route: 'report' | 'comparison', query: Record<string, string>): Promise<Sent> {
    const sent: Sent = { status: 0, headers: {}, html: '' };
    const request = { query, originalUrl: route === 'report' ? '/berichte' : '/berichte/vergleich', headers: {}, authentication: { principal: READER, csrfToken: 'csrf' } } as unknown as WebRequest;
    const response = {
      statusCode: 0,
      headersSent: false,
      setHeader: (name: string, value: string) => void (sent.headers[name] = value),
      end: (html: string) => void (sent.html = html),
    } as unknown as WebResponse;
    await controller[route](request, response);
    return { ...sent, status: response.statusCode };
  }
  return { asked, open };
}

const report = reportOf(fundingDistrictLog(), reportRequest(DISTRICT, '2025-Q1', AS_RECORDED_A));

describe('the report pages', () => {
  it('ask the API’s query with the form’s values, German dates read as people type them', async () => {
    const { asked, open } = pages(async () => report);
    const page = await open('report', { period: '2025-Q1', organisationUnit: KI, asRecordedOn: '10.4.2025' });
    expect(page.status).toBe(200);
    expect(asked).toEqual([new GetFundingReportQuery(READER, '2025-Q1', KI, '2025-04-10')]);
    expect(page.html).toContain('<caption id="tabelle-people-gender-titel">Personen nach Geschlecht</caption>');
    expect(page.html).toContain('<svg role="img" aria-labelledby="tabelle-people-gender-diagramm"');
    expect(page.html).toContain(`${report.suppressed.length} Werte sind gesperrt`);
  });

  it('show the last completed quarter as recorded today when nothing is chosen yet', async () => {
    const { asked, open } = pages(async () => report);
    expect((await open('report', {})).status).toBe(200);
    expect(asked).toEqual([new GetFundingReportQuery(READER, '2025-Q1', null, null)]);
  });

  it('link the files of the Datenstand shown, from the API', async () => {
    const { open } = pages(async () => report);
    const page = await open('report', { period: '2025-Q1' });
    expect(page.html).toContain(`href="/api/reports/funding?period=2025-Q1&amp;asRecordedOn=${AS_RECORDED_A}&amp;format=csv"`);
    expect(page.html).toContain(`href="/api/reports/funding?period=2025-Q1&amp;asRecordedOn=${AS_RECORDED_A}&amp;format=xlsx"`);
  });

  it('refuse a malformed Datenstand at its field (400) without asking anything', async () => {
    const { asked, open } = pages(async () => report);
    const page = await open('report', { period: '2025-Q1', asRecordedOn: '31.02.2025' });
    expect(page.status).toBe(400);
    expect(asked).toEqual([]);
    expect(page.html).toMatch(/id="feld-asRecordedOn-fehler"><span class="visually-hidden">Fehler:<\/span> Bitte geben Sie ein gültiges Datum im Format TT\.MM\.JJJJ an/);
    expect(page.html).toMatch(/<a href="#feld-asRecordedOn">Datenstand: /);
    expect(page.html).not.toContain('<table');
  });

  it.each([
    ['a Datenstand in the future', new AsRecordedOnInFutureError('asRecordedOn'), 422, 'asRecordedOn', 'Der Datenstand darf nicht in der Zukunft liegen'],
    ['a unit not in the district', new ReportOrganisationUnitNotFoundError(), 404, 'organisationUnit', 'Diese Organisationseinheit gibt es in Ihrem Kreis nicht.'],
  ])('show the report’s refusal of %s at the field it names', async (_, error, status, field, message) => {
    const { open } = pages(async () => Promise.reject(error));
    const page = await open('report', { period: '2025-Q1', organisationUnit: KI, asRecordedOn: '2025-04-10' });
    expect(page.status).toBe(status);
    expect(page.html).toContain(`id="feld-${field}-fehler"><span class="visually-hidden">Fehler:</span> ${message}`);
  });

  it('say in German to wait and reload while the read model is being built (503, Retry-After)', async () => {
    const { open } = pages(async () => Promise.reject(new ReadModelNotReadyError('funding_report')));
    const page = await open('report', { period: '2025-Q1' });
    expect(page.status).toBe(503);
    expect(page.headers['Retry-After']).toBe('5');
    expect(page.html).toContain('Die Zahlen für die Berichte werden gerade zusammengestellt.');
    expect(page.html).toContain('Bitte warten Sie einen Moment und laden Sie die Seite dann neu.');
    expect(page.html).toContain('<form method="get" action="/berichte"');
  });

  it('leave an error the pages cannot explain to the error page', async () => {
    const { open } = pages(async () => Promise.reject(new Error('connection lost')));
    await expect(open('report', { period: '2025-Q1' })).rejects.toThrow('connection lost');
  });

  describe('the comparison', () => {
    it('opened without the form sent: the form only, nothing asked', async () => {
      const { asked, open } = pages(async () => report);
      const page = await open('comparison', {});
      expect(page.status).toBe(200);
      expect(asked).toEqual([]);
      expect(page.html).not.toContain('error-summary');
    });

    it('asks for both Datenstände as typed', async () => {
      const { asked, open } = pages(async () => Promise.reject(new ComparisonOrderError()));
      const page = await open('comparison', { period: '2025-Q1', organisationUnit: '', before: '30.04.2025', after: '10.04.2025' });
      expect(asked).toEqual([new CompareFundingReportsQuery(READER, '2025-Q1', null, '2025-04-30', '2025-04-10')]);
      expect(page.status).toBe(422);
      expect(page.html).toContain('id="feld-after-fehler"><span class="visually-hidden">Fehler:</span> Der spätere Datenstand');
    });

    it('refuses a comparison without the earlier Datenstand at its field (400)', async () => {
      const { asked, open } = pages(async () => report);
      const page = await open('comparison', { period: '2025-Q1', before: '' });
      expect(page.status).toBe(400);
      expect(asked).toEqual([]);
      expect(page.html).toContain('id="feld-before-fehler"');
    });
  });
});
